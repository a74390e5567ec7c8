package io.lmi.controlplane.core.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One way traffic reaches the original function, as discovered before anything moves.
 *
 * @param kind     the trigger's kind, which fixes how it moves
 * @param id       what identifies it to its service: a mapping UUID, a rule ARN + target id, a subscription ARN,
 *                 a REST API id + stage, a target group ARN, a function URL
 * @param source   where the traffic comes from (queue, stream, bus, topic, API, load balancer), for people
 * @param original everything needed to put it back exactly as it was (the shifter's own format)
 */
public record Trigger(TriggerKind kind, String id, String source, JsonNode original) {
    public Trigger {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    public ShiftMechanism mechanism() {
        return kind.mechanism();
    }
}

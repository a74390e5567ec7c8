package io.lmi.controlplane.core.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The Input an EventBridge Scheduler schedule passes to the shaper: which stored schedule to evaluate and which
 * transition woke it. The expected min/max is what the transition sets on an ordinary day; the shaper sets what the
 * stored schedule says now and records the difference (an exception or a pre-warm) in the ledger.
 */
public record ShaperWakeUp(String schedule, String transition, int expectedMin, int expectedMax) {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    public ShaperWakeUp {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(transition, "transition");
    }

    public static ShaperWakeUp of(ScheduleTarget target, ScheduledTransition transition) {
        return new ShaperWakeUp(target.key(), transition.name(), transition.limits().min(), transition.limits().max());
    }

    public String toJson() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("schedule", schedule);
        node.put("transition", transition);
        node.put("expectedMin", expectedMin);
        node.put("expectedMax", expectedMax);
        return node.toString();
    }

    public static ShaperWakeUp fromJson(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            for (String field : new String[] {"schedule", "transition", "expectedMin", "expectedMax"}) {
                if (node == null || !node.hasNonNull(field)) {
                    throw new IllegalArgumentException("a shaper wake-up needs " + field + ": " + json);
                }
            }
            return new ShaperWakeUp(node.get("schedule").asText(), node.get("transition").asText(),
                    node.get("expectedMin").asInt(), node.get("expectedMax").asInt());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a shaper wake-up is a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}

package io.lmi.controlplane.functions.migration;

import io.lmi.controlplane.core.traffic.TriggerState;
import java.time.Instant;
import java.util.List;

/**
 * Where the traffic shift stands ("shift" fact): which effective step ran last, when it started (the gate judges the
 * traffic since then), each trigger's state, and what people were asked to do.
 *
 * @param position    index into the plan's effective steps of the step applied last (-1 before the first)
 * @param stepIndex   index into the plan's steps of that step
 */
public record ShiftFact(int position, int stepIndex, int percent, Instant stepStartedAt, List<TriggerState> triggers,
                        List<String> instructions) {
    public static final String FACT = "shift";

    public ShiftFact {
        triggers = List.copyOf(triggers);
        instructions = instructions == null ? List.of() : List.copyOf(instructions);
    }
}

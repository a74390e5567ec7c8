package io.lmi.controlplane.functions.gate;

import io.lmi.controlplane.core.gate.GateSettings;
import java.time.Instant;
import java.util.List;

/**
 * What the gate judges after a step ("gating" fact): written by the step that moved traffic (a migration's trigger
 * shift, a rollout's alias weight), read by the gate, so that one gate serves both workflows.
 *
 * @param executedVersion when set, only the alias's traffic served by this version counts (a rollout's new version)
 * @param stepStartedAt   the gate counts the traffic since then
 * @param position        the step just applied, from 0
 */
public record GateFact(String functionName, String alias, String executedVersion, List<String> alarmNames,
                       GateSettings gates, Instant stepStartedAt, int position, int totalSteps, int percent) {
    public static final String FACT = "gating";

    public GateFact {
        alarmNames = List.copyOf(alarmNames);
    }

    public boolean isLast() {
        return position == totalSteps - 1;
    }
}

package io.lmi.controlplane.functions.rollout;

import io.lmi.controlplane.core.gate.GateSettings;
import io.lmi.controlplane.core.rollout.RolloutScaling;
import java.util.List;

/**
 * A rollout's plan and where it stands ("rollout" fact): which version replaces which behind the alias, the scaling
 * the new version gets before each step, the gate alarms, and the step applied last.
 *
 * @param oldVersion  the version the alias pointed to when the rollout began (where a rollback returns)
 * @param oldScaling  that version's scaling config, which the new one inherits at 100%
 * @param limits      the new version's scaling before each step (index = step)
 * @param position    the step applied last (-1 before the first)
 */
public record RolloutFact(String functionName, String alias, String aliasArn, String oldVersion, String newVersion,
                          RolloutScaling.Limits oldScaling, List<Integer> steps, List<RolloutScaling.Limits> limits,
                          List<String> alarmNames, GateSettings gates, long bakeSeconds, String capacityProviderName,
                          int position) {
    public static final String FACT = "rollout";

    public RolloutFact {
        steps = List.copyOf(steps);
        limits = List.copyOf(limits);
        alarmNames = List.copyOf(alarmNames);
    }

    public RolloutFact at(int newPosition) {
        return new RolloutFact(functionName, alias, aliasArn, oldVersion, newVersion, oldScaling, steps, limits, alarmNames,
                gates, bakeSeconds, capacityProviderName, newPosition);
    }
}

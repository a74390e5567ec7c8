package io.lmi.controlplane.core.gate;

import java.util.List;

/**
 * Decides a step from the alarms on the new function and the traffic it received. Order matters: a manual abort wins
 * over everything; a firing alarm fails the step even with little traffic (errors are errors); too little traffic is
 * inconclusive, never a pass; a pause request holds a step that would otherwise pass.
 */
public final class Gate {
    private Gate() {
    }

    public static GateDecision decide(List<AlarmState> alarms, long invocationsOnNew, int minInvocations,
                                      boolean abortRequested, boolean pauseRequested) {
        if (abortRequested) {
            return new GateDecision(GateDecision.Verdict.ABORT, "abort requested", List.of(), invocationsOnNew);
        }
        List<AlarmState> firing = alarms.stream().filter(AlarmState::isAlarm).toList();
        if (!firing.isEmpty()) {
            String names = String.join(", ", firing.stream().map(AlarmState::alarmName).toList());
            return new GateDecision(GateDecision.Verdict.FAIL, "alarm in ALARM: " + names, firing, invocationsOnNew);
        }
        if (invocationsOnNew < minInvocations) {
            return new GateDecision(GateDecision.Verdict.INCONCLUSIVE, "only " + invocationsOnNew
                    + " invocations on the new function during the step (at least " + minInvocations
                    + " are needed to judge): approve to continue or abort to roll back", List.of(), invocationsOnNew);
        }
        if (pauseRequested) {
            return new GateDecision(GateDecision.Verdict.PAUSE, "pause requested", List.of(), invocationsOnNew);
        }
        return new GateDecision(GateDecision.Verdict.PASS, "no alarm fired and " + invocationsOnNew
                + " invocations reached the new function", List.of(), invocationsOnNew);
    }
}

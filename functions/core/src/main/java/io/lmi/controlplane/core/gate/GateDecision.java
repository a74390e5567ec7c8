package io.lmi.controlplane.core.gate;

import java.util.List;

/**
 * What a gate decided after a step's bake time, in the vocabulary of progressive delivery: pass to the next step,
 * fail (roll back), or inconclusive (a person decides; never a silent pass). Abort and pause are requests that
 * arrived while the step baked.
 */
public record GateDecision(Verdict verdict, String reason, List<AlarmState> firing, long invocations) {

    public enum Verdict { PASS, FAIL, INCONCLUSIVE, ABORT, PAUSE }

    public boolean passes() {
        return verdict == Verdict.PASS;
    }
}

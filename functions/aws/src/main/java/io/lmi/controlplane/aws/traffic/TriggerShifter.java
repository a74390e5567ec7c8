package io.lmi.controlplane.aws.traffic;

import io.lmi.controlplane.core.traffic.ShiftTarget;
import io.lmi.controlplane.core.traffic.Trigger;
import io.lmi.controlplane.core.traffic.TriggerKind;
import io.lmi.controlplane.core.traffic.TriggerState;
import java.util.List;
import java.util.Set;

/**
 * Moves one kind of trigger from the original function to the LMI function, and back.
 *
 * <p>Every method may be retried after a crash at any point (Step Functions retries the step), so each is
 * idempotent: it looks at the account, not only at its notes, before it creates anything.
 */
public interface TriggerShifter {

    Set<TriggerKind> kinds();

    /** The triggers of these kinds that invoke the function. Reads only. */
    List<Trigger> discover(FunctionTargets function);

    /** Brings the trigger to {@code percentOnNew} of its traffic on the new function; returns its new state. */
    TriggerState shift(TriggerState current, int percentOnNew, ShiftTarget target, ResourceRecorder recorder);

    /** Puts the trigger back exactly as it was discovered and deletes what shifting it created. */
    void restore(TriggerState current, ShiftTarget target, ResourceRecorder recorder);

    /** What {@link #shift} would change, in one sentence, for dry runs and for the timeline. */
    String describeShift(Trigger trigger, int percentOnNew, ShiftTarget target);
}

package io.lmi.controlplane.functions.schedule;

import io.lmi.controlplane.aws.schedule.CapacityShaper;
import io.lmi.controlplane.aws.schedule.ShaperInput;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;

/**
 * The target of every capacity schedule's EventBridge Scheduler schedules: sets what the stored schedule's calendar
 * says now on every version it governs, reports drift, and records each change (see {@link CapacityShaper}).
 * A failure propagates, so Scheduler retries the wake-up (and after its retry policy, sends it to the dead-letter
 * queue); the shaper is idempotent, so a retry is harmless.
 */
public final class ShaperHandler extends StepHandler<ShaperInput, CapacityShaper.Outcome> {
    private final CapacityShaper shaper;

    public ShaperHandler() {
        this(ControlPlane.fromEnvironment());
    }

    /** With a given control plane (its environment, clients and clock): tests, and hosts other than Lambda. */
    public ShaperHandler(ControlPlane controlPlane) {
        super(ShaperInput.class);
        this.shaper = new CapacityShaper(ScheduleSettings.adapters(controlPlane, true));
    }

    @Override
    protected CapacityShaper.Outcome handle(ShaperInput wakeUp, StepContext context) {
        return shaper.shape(wakeUp);
    }
}

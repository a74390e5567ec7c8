package io.lmi.controlplane.functions.rollout;

import io.lmi.controlplane.functions.gate.RollBackHandler;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Journal;

/**
 * The rollout workflow's rollback step: {@link RolloutCleanup} (the alias back on the previous version, the new one
 * deactivated, the alarms removed), then the operation ends as the workflow's reason says.
 */
public final class RollBackRolloutHandler extends RollBackHandler {

    public RollBackRolloutHandler() {
        this(ControlPlane.fromEnvironment());
    }

    RollBackRolloutHandler(ControlPlane controlPlane) {
        this(new Journal(controlPlane), controlPlane);
    }

    private RollBackRolloutHandler(Journal journal, ControlPlane controlPlane) {
        super(journal, new RolloutCleanup(controlPlane, journal));
    }
}

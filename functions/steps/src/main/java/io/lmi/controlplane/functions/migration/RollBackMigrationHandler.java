package io.lmi.controlplane.functions.migration;

import io.lmi.controlplane.functions.gate.RollBackHandler;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Journal;

/**
 * The migration workflow's rollback step: {@link MigrationCleanup} (every trigger restored, everything the migration
 * created deleted), then the operation ends as the workflow's reason says.
 */
public final class RollBackMigrationHandler extends RollBackHandler {

    public RollBackMigrationHandler() {
        this(ControlPlane.fromEnvironment());
    }

    RollBackMigrationHandler(ControlPlane controlPlane) {
        this(controlPlane, new Journal(controlPlane));
    }

    private RollBackMigrationHandler(ControlPlane controlPlane, Journal journal) {
        super(journal, new MigrationCleanup(controlPlane, journal));
    }
}

package io.lmi.controlplane.core.operation;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an operation stands. Migrations end {@code COMPLETED | ROLLED_BACK | FAILED | ABORTED}; rollouts end
 * {@code PROMOTED | ROLLED_BACK | FAILED | ABORTED}.
 */
public enum OperationStatus {
    RUNNING,
    /** A gate could not judge (too little traffic) or the plan asks for a person: waits for approve or abort. */
    WAITING_FOR_APPROVAL,
    /** A trigger the control plane cannot redirect (direct invokes, function URLs): waits for the team to act. */
    WAITING_FOR_ACTION,
    /** Paused by request; resumes on request. */
    PAUSED,
    COMPLETED,
    PROMOTED,
    ROLLED_BACK,
    FAILED,
    ABORTED;

    private static final Set<OperationStatus> TERMINAL = EnumSet.of(COMPLETED, PROMOTED, ROLLED_BACK, FAILED, ABORTED);

    public boolean isTerminal() {
        return TERMINAL.contains(this);
    }
}

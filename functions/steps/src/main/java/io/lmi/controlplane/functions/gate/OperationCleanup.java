package io.lmi.controlplane.functions.gate;

import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.runtime.StepContext;
import java.util.List;

/**
 * Undoes what one kind of operation changed in the account. The workflow's own rollback step and the execution
 * watchdog both run it, so an operation is cleaned up the same way whichever of them ends it.
 */
public interface OperationCleanup {

    /**
     * Restores and deletes what {@code operation} changed, recording each piece in the ledger as it goes. Every piece is
     * attempted even when another fails; what could not be undone is in the report's leftovers, never hidden.
     *
     * @param why why it runs, for the timeline (e.g. "ALARM", "the execution was ABORTED")
     */
    CleanupReport cleanUp(Operation operation, String why, StepContext context);

    /**
     * What the ledger says {@code operation} still has changed: the list a person needs when a cleanup stopped
     * before its end (each entry names the resource and how it stands).
     */
    List<String> remaining(Operation operation);

    /**
     * What a cleanup did.
     *
     * @param where     where the traffic stood when it began, e.g. "50% of traffic on the new function"
     * @param restored  what is back as it was, e.g. "every trigger is back on orders"
     * @param leftovers what could not be undone, each with its reason (empty when everything was)
     */
    record CleanupReport(String where, String restored, List<String> leftovers) {
        public CleanupReport {
            leftovers = List.copyOf(leftovers);
        }
    }
}

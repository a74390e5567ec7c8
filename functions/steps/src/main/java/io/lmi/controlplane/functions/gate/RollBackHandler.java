package io.lmi.controlplane.functions.gate;

import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.runtime.Journal;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;
import java.util.Map;

/**
 * A workflow's rollback step: runs the operation's cleanup, then ends the operation as the reason says (ALARM:
 * ROLLED_BACK, ABORT: ABORTED, FAILURE: FAILED), which releases the function. An operation that has already ended is
 * left alone, so a retried step changes nothing.
 */
public abstract class RollBackHandler extends StepHandler<RollbackInput, Map<String, Object>> {
    private final Journal journal;
    private final OperationCleanup cleanup;

    protected RollBackHandler(Journal journal, OperationCleanup cleanup) {
        super(RollbackInput.class);
        this.journal = journal;
        this.cleanup = cleanup;
    }

    @Override
    protected final Map<String, Object> handle(RollbackInput input, StepContext context) {
        Operation operation = journal.ledger().load(input.operationId());
        if (operation.status().isTerminal()) {
            return Map.of("status", operation.status().name(), "note", "already ended");
        }
        OperationCleanup.CleanupReport report = cleanup.cleanUp(operation, input.reason(), context);
        OperationStatus status = input.endsAs();
        journal.end(operation.id(), status, input.outcome(journal.ledger().load(operation.id()), report.where(),
                report.restored(), report.leftovers()));
        return Map.of("status", status.name(), "leftovers", report.leftovers());
    }
}

package io.lmi.controlplane.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.aws.events.EventPublisher;
import io.lmi.controlplane.aws.ledger.Ledger;
import io.lmi.controlplane.core.events.DetailTypes;
import io.lmi.controlplane.core.events.OperationEvent;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationKind;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.core.operation.Outcome;
import io.lmi.controlplane.core.operation.StepEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Records what an operation does: the record changes under optimistic locking, a timeline entry per step, and an
 * event on the bus for every transition, so that alerts and audits never depend on reading the ledger.
 */
public final class Journal {
    private final Ledger ledger;
    private final EventPublisher events;
    private final Clock clock;

    public Journal(Ledger ledger, EventPublisher events, Clock clock) {
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
    }

    public Journal(ControlPlane controlPlane) {
        this(controlPlane.ledger(), controlPlane.events(), controlPlane.clock());
    }

    public Ledger ledger() {
        return ledger;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Applies {@code change}, then records {@code step} with {@code message} in the timeline and on the bus. */
    public Operation step(String operationId, String step, String message, Object details, Consumer<Operation> change) {
        Instant now = clock.instant();
        Operation operation = ledger.update(operationId, op -> {
            op.step(step, now);
            change.accept(op);
        });
        JsonNode detailsNode = details == null ? null : Json.tree(details);
        ledger.appendStep(operationId, new StepEntry(now, step, operation.status().name(), message, detailsNode));
        events.publish(stepChanged(operation.kind()), OperationEvent.of(operation, message, detailsNode, now));
        return operation;
    }

    public Operation step(String operationId, String step, String message, Object details) {
        return step(operationId, step, message, details, op -> { });
    }

    /** Ends the operation, releases every function name it holds, and announces the outcome. Ending twice is refused by the record. */
    public Operation end(String operationId, OperationStatus terminal, Outcome outcome) {
        Instant now = clock.instant();
        Operation operation = ledger.update(operationId, op -> op.end(terminal, outcome, now));
        ledger.releaseLocks(operation);
        JsonNode details = outcome.details();
        ledger.appendStep(operationId, new StepEntry(now, "End", terminal.name(), outcome.message(), details));
        events.publish(terminalType(operation.kind(), terminal), OperationEvent.of(operation, outcome.message(), details, now));
        return operation;
    }

    /** Records a request refused before it started (nothing to undo, no lock taken) and announces it. */
    public Operation refuse(Operation refused) {
        Operation recorded = ledger.recordRefusal(refused);
        if (recorded.id().equals(refused.id())) {
            Instant now = clock.instant();
            String message = refused.outcome().map(Outcome::message).orElse("refused");
            ledger.appendStep(refused.id(), new StepEntry(now, "Validate", OperationStatus.FAILED.name(), message,
                    refused.outcome().map(Outcome::details).orElse(null)));
            events.publish(terminalType(refused.kind(), OperationStatus.FAILED),
                    OperationEvent.of(refused, message, null, now));
        }
        return recorded;
    }

    public void announce(String detailType, Operation operation, String message, Object details) {
        events.publish(detailType, OperationEvent.of(operation, message, details == null ? null : Json.tree(details),
                clock.instant()));
    }

    static String stepChanged(OperationKind kind) {
        return kind == OperationKind.MIGRATION ? DetailTypes.MIGRATION_STEP_CHANGED : DetailTypes.ROLLOUT_STEP_CHANGED;
    }

    static String terminalType(OperationKind kind, OperationStatus status) {
        boolean migration = kind == OperationKind.MIGRATION;
        return switch (status) {
            case COMPLETED -> DetailTypes.MIGRATION_COMPLETED;
            case PROMOTED -> DetailTypes.ROLLOUT_PROMOTED;
            case ROLLED_BACK -> migration ? DetailTypes.MIGRATION_ROLLED_BACK : DetailTypes.ROLLOUT_ROLLED_BACK;
            case FAILED -> migration ? DetailTypes.MIGRATION_FAILED : DetailTypes.ROLLOUT_FAILED;
            case ABORTED -> migration ? DetailTypes.MIGRATION_ABORTED : DetailTypes.ROLLOUT_ABORTED;
            default -> throw new IllegalArgumentException(status + " is not terminal");
        };
    }
}

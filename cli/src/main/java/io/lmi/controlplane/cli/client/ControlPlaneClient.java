package io.lmi.controlplane.cli.client;

import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.aws.events.EventPublisher;
import io.lmi.controlplane.aws.ledger.Ledger;
import io.lmi.controlplane.core.events.DetailTypes;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.StepEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Talks to a control plane the way a team does: commands go on its bus as events, answers come from its ledger.
 * The same code drives a deployed stack and the local AWS.
 */
public final class ControlPlaneClient implements AutoCloseable {
    private final DynamoDbClient dynamo;
    private final EventBridgeClient eventBridge;
    private final Ledger ledger;
    private final EventPublisher events;

    public ControlPlaneClient(AwsClients clients, String busName, String tableName) {
        this.dynamo = clients.configure(DynamoDbClient.builder()).build();
        this.eventBridge = clients.configure(EventBridgeClient.builder()).build();
        this.ledger = new Ledger(dynamo, tableName, Clock.systemUTC());
        this.events = new EventPublisher(eventBridge, busName);
    }

    /** Puts a command on the bus; returns the request id it carries (generated when the detail has none). */
    public String request(String detailType, Map<String, Object> detail) {
        Map<String, Object> withId = new LinkedHashMap<>(detail);
        withId.putIfAbsent("requestId", UUID.randomUUID().toString());
        events.publish(detailType, withId);
        return withId.get("requestId").toString();
    }

    public void control(String detailType, String operationId, String reason, String requestedBy) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("operationId", operationId);
        if (reason != null) {
            detail.put("reason", reason);
        }
        detail.put("requestedBy", requestedBy);
        events.publish(detailType, detail);
    }

    public void approve(String operationId, String by) {
        control(DetailTypes.APPROVED, operationId, null, by);
    }

    public void abort(String operationId, String reason, String by) {
        control(DetailTypes.ABORT_REQUESTED, operationId, reason, by);
    }

    public Optional<Operation> operation(String operationId) {
        return ledger.find(operationId);
    }

    public Optional<String> operationForRequest(String requestId) {
        return ledger.operationForRequest(requestId);
    }

    public List<StepEntry> timeline(String operationId) {
        return ledger.timeline(operationId);
    }

    public List<Operation> history(String functionName) {
        return ledger.history(functionName);
    }

    /** The function's history together with that of its LMI copy or of the original it was copied from. */
    public List<Operation> combinedHistory(String functionName) {
        return ledger.combinedHistory(functionName);
    }

    /** The operation holding {@code functionName}, if any. */
    public Optional<String> lock(String functionName) {
        return ledger.lock(functionName);
    }

    public List<Operation> active() {
        return ledger.active();
    }

    public Ledger ledger() {
        return ledger;
    }

    /** Waits until the request has an operation (the workflow's first step records it). */
    public String awaitOperation(String requestId, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> id = operationForRequest(requestId);
            if (id.isPresent()) {
                return id.get();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no operation recorded for request " + requestId + " within " + timeout.toSeconds()
                + " s: is the control plane deployed, and did the event reach its bus?");
    }

    /** Waits until the operation satisfies {@code condition}; returns it then. */
    public Operation await(String operationId, Predicate<Operation> condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Operation last = null;
        while (Instant.now().isBefore(deadline)) {
            last = operation(operationId).orElse(null);
            if (last != null && condition.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("operation " + operationId + " did not reach the expected state within "
                + timeout.toSeconds() + " s; last: " + (last == null ? "(none)" : last.status() + " at " + last.currentStep()));
    }

    @Override
    public void close() {
        dynamo.close();
        eventBridge.close();
    }
}

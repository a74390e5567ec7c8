package io.lmi.controlplane.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.cli.client.ControlPlaneClient;
import io.lmi.controlplane.cli.local.LocalControlPlane;
import io.lmi.controlplane.cli.local.demo.TrafficSimulator;
import io.lmi.controlplane.cli.local.seed.Workload;
import io.lmi.controlplane.core.events.DetailTypes;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.core.operation.Outcome;
import io.lmi.controlplane.local.LocalAws;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntPredicate;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** One test's view of the deployed control plane: clients, a workload of its own, and the bus's events. */
final class MigrationScenario implements AutoCloseable {
    final LocalControlPlane controlPlane;
    final AwsClients clients;
    final ControlPlaneClient client;
    final LambdaClient lambda;
    final IamClient iam;
    final SqsClient sqs;
    final ApiGatewayClient apiGateway;
    final CloudWatchClient cloudWatch;
    final EventTap events;
    final String function = "orders-" + UUID.randomUUID().toString().substring(0, 8);
    private TrafficSimulator traffic;

    MigrationScenario(LocalControlPlane controlPlane) {
        this.controlPlane = controlPlane;
        this.clients = controlPlane.clients();
        this.client = controlPlane.client(clients);
        this.lambda = clients.configure(LambdaClient.builder()).build();
        this.iam = clients.configure(IamClient.builder()).build();
        this.sqs = clients.configure(SqsClient.builder()).build();
        this.apiGateway = clients.configure(ApiGatewayClient.builder()).build();
        this.cloudWatch = clients.configure(CloudWatchClient.builder()).build();
        this.events = new EventTap(clients, controlPlane.busName());
    }

    LocalAws localAws() {
        return controlPlane.localAws();
    }

    Workload workload() {
        return new Workload(iam, lambda, sqs, apiGateway, "us-east-1", LocalAws.ACCOUNT_ID);
    }

    /** The request every scenario starts from: forced (no metric history needed), short bake, quick gates. */
    Map<String, Object> request() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("functionName", function);
        detail.put("force", true);
        detail.put("bake", "2s");
        detail.put("requestedBy", "e2e");
        detail.put("gates", Map.of("minInvocations", 5));
        return detail;
    }

    String migrate(Map<String, Object> detail) throws InterruptedException {
        String requestId = client.request(DetailTypes.MIGRATION_REQUESTED, detail);
        return client.awaitOperation(requestId, Duration.ofSeconds(60));
    }

    /** Simulated traffic on the new function (the local AWS runs no workload); errors where {@code failing} says. */
    void simulateTraffic(String operationId, IntPredicate failing) {
        stopTraffic();
        traffic = new TrafficSimulator(client, cloudWatch, operationId, 50, failing, 0.30).start();
    }

    void stopTraffic() {
        if (traffic != null) {
            traffic.close();
            traffic = null;
        }
    }

    /** The first operation recorded for {@code functionName} (when a test did not start it itself). */
    Operation await(String ignored, String functionName, Duration timeout) throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plus(timeout);
        while (java.time.Instant.now().isBefore(deadline)) {
            var history = client.history(functionName);
            if (!history.isEmpty()) {
                return history.get(history.size() - 1);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no operation was recorded for " + functionName + " within " + timeout.toSeconds() + " s");
    }

    Operation awaitEnd(String operationId) throws InterruptedException {
        return await(operationId, op -> op.status().isTerminal(), Duration.ofMinutes(3));
    }

    Operation await(String operationId, java.util.function.Predicate<Operation> condition) throws InterruptedException {
        return await(operationId, condition, Duration.ofMinutes(2));
    }

    /** Waits; when it gives up, says where the workflow stands (the execution's status and its last events). */
    private Operation await(String operationId, java.util.function.Predicate<Operation> condition, Duration timeout)
            throws InterruptedException {
        try {
            return client.await(operationId, condition, timeout);
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage() + "\n" + executionReport(operationId), e);
        }
    }

    /**
     * How the operation's Step Functions execution ended, as "STATUS" or "STATUS Error": the ledger can say PROMOTED
     * while a later state still fails the execution, which operators see (and the watchdog acts on).
     */
    String executionEnd(String operationId) throws InterruptedException {
        var arn = client.operation(operationId).flatMap(Operation::executionArn)
                .orElseThrow(() -> new AssertionError("no execution recorded for " + operationId));
        try (var sfn = clients.configure(software.amazon.awssdk.services.sfn.SfnClient.builder()).build()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                var execution = sfn.describeExecution(r -> r.executionArn(arn));
                if (execution.status() != software.amazon.awssdk.services.sfn.model.ExecutionStatus.RUNNING) {
                    return execution.statusAsString() + (execution.error() == null ? "" : " " + execution.error());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("execution " + arn + " still RUNNING after 60 s\n" + executionReport(operationId));
                }
                Thread.sleep(200);
            }
        }
    }

    String executionReport(String operationId) {
        var arn = client.operation(operationId).flatMap(Operation::executionArn).orElse(null);
        if (arn == null) {
            return "(no execution recorded)";
        }
        try (var sfn = clients.configure(software.amazon.awssdk.services.sfn.SfnClient.builder()).build()) {
            var execution = sfn.describeExecution(r -> r.executionArn(arn));
            StringBuilder report = new StringBuilder("execution " + execution.status() + " " + execution.error() + " "
                    + execution.cause() + "; last events:");
            var all = sfn.getExecutionHistory(r -> r.executionArn(arn)).events();
            var events = all.subList(Math.max(0, all.size() - 10), all.size());
            events.forEach(event -> report.append("\n  ").append(event.typeAsString()).append(" ")
                    .append(event.stateEnteredEventDetails() == null ? "" : event.stateEnteredEventDetails().name())
                    .append(event.taskFailedEventDetails() == null ? "" : event.taskFailedEventDetails().cause())
                    .append(event.executionFailedEventDetails() == null ? "" : event.executionFailedEventDetails().cause()));
            return report.toString();
        }
    }

    /** The three answers of a start step: first run, the same execution's retry, and another execution's run. */
    record StartAttempts(JsonNode first, JsonNode retried, JsonNode otherExecution) {
    }

    /**
     * Invokes the deployed start step {@code logicalId} directly, as Step Functions does: twice for one execution (a
     * retry after a timed-out sandbox or a Lambda service error), then once for another (a redelivered event).
     */
    StartAttempts startTwiceThenFromAnotherExecution(String logicalId, String detailType, Map<String, Object> detail) {
        Map<String, Object> event = event(detailType, detail);
        String execution = executionArn(logicalId);
        return new StartAttempts(invokeStep(logicalId, Map.of("event", event, "executionArn", execution)),
                invokeStep(logicalId, Map.of("event", event, "executionArn", execution)),
                invokeStep(logicalId, Map.of("event", event, "executionArn", executionArn(logicalId))));
    }

    /** Runs a start step as the execution {@code executionArn} would, with {@code detail} as its request. */
    JsonNode start(String logicalId, String detailType, Map<String, Object> detail, String executionArn) {
        return invokeStep(logicalId, Map.of("event", event(detailType, detail), "executionArn", executionArn));
    }

    /** The ARN of an execution of its own, for a test that runs a start step itself. */
    static String executionArn(String logicalId) {
        return "arn:aws:states:us-east-1:123456789012:execution:" + logicalId + ":" + UUID.randomUUID();
    }

    private static Map<String, Object> event(String detailType, Map<String, Object> detail) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", detailType);
        event.put("detail", detail);
        return event;
    }

    private JsonNode invokeStep(String logicalId, Object input) {
        String name = controlPlane.deployed().physicalId(logicalId);
        var response = lambda.invoke(r -> r.functionName(name).payload(SdkBytes.fromUtf8String(Json.write(input))));
        if (response.functionError() != null) {
            throw new AssertionError(logicalId + " failed: " + response.payload().asUtf8String());
        }
        return Json.read(response.payload().asUtf8String(), JsonNode.class, logicalId + " answer");
    }

    /** Ends an operation no execution runs (a test invoked its start step itself) and frees its function. */
    void endWithoutExecution(String operationId) {
        Operation ended = client.ledger().update(operationId, op -> op.end(OperationStatus.ABORTED,
                new Outcome("ABORTED", "ended by the test that started it without an execution", null), Instant.now()));
        client.ledger().releaseLocks(ended);
    }

    @Override
    public void close() {
        stopTraffic();
        events.close();
        lambda.close();
        iam.close();
        sqs.close();
        apiGateway.close();
        cloudWatch.close();
        client.close();
        clients.close();
    }
}

package io.lmi.controlplane.functions.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.aws.ledger.Ledger;
import io.lmi.controlplane.aws.ledger.LedgerTable;
import io.lmi.controlplane.core.events.DetailTypes;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.operation.Control;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationKind;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.core.operation.StepEntry;
import io.lmi.controlplane.local.AwsTarget;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import io.lmi.controlplane.runtime.ControlPlane;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.SendTaskFailureRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessRequest;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The control handler against a real Step Functions wait in the local AWS: a workflow parked on a task token (sent to
 * a queue, as {@code .waitForTaskToken} allows), whose next state reads the operation's ledger record the moment the
 * token is completed, as the migration's re-judged gate does. What that state reads is what the workflow acts on.
 */
@ExtendWith(LocalAwsExtension.class)
class OperationControlIntegrationTest {
    private static final Duration EXECUTION_TIMEOUT = Duration.ofSeconds(30);

    private final AwsClients clients;
    private final DynamoDbClient dynamo;
    private final SfnClient sfn;
    private final SqsClient sqs;
    private String table;
    private Ledger ledger;
    private ControlPlane controlPlane;
    private String queueUrl;
    /** The ledger's control record as it was when each SendTask* call left the handler. */
    private final List<Control> controlWhenTokenCompleted = new CopyOnWriteArrayList<>();
    /** What "the workflow" does the moment its token is completed, before the handler's call returns. */
    private Consumer<String> workflowRunsOn = id -> { };

    OperationControlIntegrationTest(AwsTarget target) {
        this.clients = AwsClients.of(target.region(), target.credentials(), target.endpoint());
        this.dynamo = clients.configure(DynamoDbClient.builder()).build();
        this.sfn = clients.configure(SfnClient.builder()).build();
        this.sqs = clients.configure(SqsClient.builder()).build();
    }

    @BeforeEach
    void createLedgerAndQueue() {
        table = LedgerTable.create(dynamo, "ledger-" + UUID.randomUUID());
        controlPlane = new ControlPlane(Map.of(ControlPlane.LEDGER_TABLE, table, ControlPlane.EVENT_BUS, "default"),
                clients, Clock.systemUTC());
        ledger = controlPlane.ledger();
        queueUrl = sqs.createQueue(r -> r.queueName("tokens-" + UUID.randomUUID())).queueUrl();
    }

    @AfterEach
    void close() {
        sqs.close();
        sfn.close();
        dynamo.close();
        clients.close();
    }

    /** The handler as deployed, with an SFN client that also records the ledger at each token completion. */
    private OperationControlHandler handler(String operationId) {
        ExecutionInterceptor observer = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                SdkRequest request = context.request();
                if (request instanceof SendTaskSuccessRequest || request instanceof SendTaskFailureRequest) {
                    controlWhenTokenCompleted.add(ledger.load(operationId).control());
                }
            }

            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof SendTaskSuccessRequest) {
                    workflowRunsOn.accept(operationId);
                }
            }
        };
        SfnClient observed = clients.configure(SfnClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(observer)).build();
        return new OperationControlHandler(controlPlane, observed);
    }

    /** Starts a workflow that waits on a token, then reads the operation's ledger record; returns its ARN and token. */
    private Waiting waitingWorkflow(String operationId) throws Exception {
        String definition = Json.write(Map.of("StartAt", "Wait", "States", Map.of(
                "Wait", Map.of("Type", "Task", "Resource", "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                        "Parameters", Map.of("QueueUrl", queueUrl, "MessageBody", Map.of("token.$", "$$.Task.Token")),
                        "ResultPath", "$.decision", "Next", "ReadLedger"),
                "ReadLedger", Map.of("Type", "Task", "Resource", "arn:aws:states:::dynamodb:getItem",
                        "Parameters", Map.of("TableName", table, "Key", Map.of(
                                "pk", Map.of("S", "OPERATION#" + operationId), "sk", Map.of("S", "RECORD"))),
                        "ResultPath", "$.ledger", "End", true))));
        String machine = sfn.createStateMachine(r -> r.name("wait-" + UUID.randomUUID()).definition(definition)
                .roleArn("arn:aws:iam::" + AwsTarget.ACCOUNT_ID + ":role/workflow")).stateMachineArn();
        String execution = sfn.startExecution(r -> r.stateMachineArn(machine).input("{}")).executionArn();
        Instant deadline = Instant.now().plus(EXECUTION_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            var messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)).messages();
            if (!messages.isEmpty()) {
                return new Waiting(execution, Json.read(messages.get(0).body(), JsonNode.class, "token").path("token").asText());
            }
        }
        throw new AssertionError("the workflow sent no task token within " + EXECUTION_TIMEOUT);
    }

    private record Waiting(String executionArn, String token) {
    }

    private DescribeExecutionResponse ended(String executionArn) throws InterruptedException {
        Instant deadline = Instant.now().plus(EXECUTION_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            DescribeExecutionResponse execution = sfn.describeExecution(r -> r.executionArn(executionArn));
            if (execution.status() != ExecutionStatus.RUNNING) {
                return execution;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the workflow did not end within " + EXECUTION_TIMEOUT);
    }

    /** The control record the workflow's ReadLedger state read right after it ran on. */
    private static Control controlTheWorkflowRead(DescribeExecutionResponse execution) {
        String document = Json.read(execution.output(), JsonNode.class, "output").path("ledger").path("Item")
                .path("document").path("S").asText();
        return Json.read(document, Operation.class, "ledger record").control();
    }

    /** A running operation, on record as parked on {@code waitFor} by a workflow that really waits on that token. */
    private Parked parked(String waitFor, boolean pauseRequested, OperationStatus status) throws Exception {
        Operation operation = Operation.start(OperationKind.MIGRATION, "orders-" + UUID.randomUUID(), "req-" + UUID.randomUUID(),
                Map.of("functionName", "orders"), false, Instant.now());
        ledger.start(operation);
        Waiting waiting = waitingWorkflow(operation.id());
        ledger.update(operation.id(), op -> {
            Control control = op.control().waitFor(waitFor, waiting.token(), "instructions", Instant.now());
            op.control(pauseRequested ? control.requestPause() : control, Instant.now());
            op.status(status, Instant.now());
        });
        return new Parked(operation.id(), waiting.executionArn());
    }

    private record Parked(String id, String executionArn) {
    }

    private static JsonNode command(String type, String operationId) {
        return Json.tree(Map.of("detail-type", type, "detail", Map.of("operationId", operationId, "requestedBy", "carol")));
    }

    private List<String> steps(String operationId) {
        return ledger.timeline(operationId).stream().map(StepEntry::step).toList();
    }

    @Test
    void aResumeClearsThePauseBeforeTheWorkflowRunsOnSoItIsNotParkedAgain() throws Exception {
        Parked waiting = parked("RESUME", true, OperationStatus.PAUSED);
        String id = waiting.id();

        Map<String, String> result = handler(id).handle(command(DetailTypes.RESUME_REQUESTED, id), null);

        assertThat(result).containsEntry("result", "RESUMED");
        assertThat(controlWhenTokenCompleted).singleElement()
                .satisfies(control -> assertThat(control.pauseRequested()).as("pause on record as the token is completed").isFalse());
        DescribeExecutionResponse execution = ended(waiting.executionArn());
        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(controlTheWorkflowRead(execution).pauseRequested()).as("what the resumed workflow read").isFalse();
        Operation after = ledger.load(id);
        assertThat(after.status()).isEqualTo(OperationStatus.RUNNING);
        assertThat(after.control().waitingFor()).isNull();
        assertThat(steps(id)).containsOnlyOnce("Resumed");
    }

    @Test
    void anApproveLeavesTheNextWaitOfTheWorkflowAsItRecordedIt() throws Exception {
        Parked waiting = parked("APPROVAL", false, OperationStatus.WAITING_FOR_APPROVAL);
        String id = waiting.id();
        // The workflow runs on at once and its next gate cannot judge either: it parks again, on a new token, before
        // the handler has recorded the end of the first wait.
        workflowRunsOn = operationId -> ledger.update(operationId, op -> {
            op.control(op.control().waitFor("APPROVAL", "next-gate-token", "judge again", Instant.now()), Instant.now());
            op.status(OperationStatus.WAITING_FOR_APPROVAL, Instant.now());
        });

        Map<String, String> result = handler(id).handle(command(DetailTypes.APPROVED, id), null);

        assertThat(result).containsEntry("result", "APPROVED");
        assertThat(ended(waiting.executionArn()).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        Operation after = ledger.load(id);
        assertThat(after.status()).as("the second wait's status").isEqualTo(OperationStatus.WAITING_FOR_APPROVAL);
        assertThat(after.control().taskToken()).isEqualTo("next-gate-token");
        assertThat(after.control().waitingFor()).isEqualTo("APPROVAL");
    }

    @Test
    void anAbortEndsTheWaitAsAFailureAndClearsItsToken() throws Exception {
        Parked waiting = parked("APPROVAL", false, OperationStatus.WAITING_FOR_APPROVAL);
        String id = waiting.id();

        Map<String, String> result = handler(id).handle(command(DetailTypes.ABORT_REQUESTED, id), null);

        assertThat(result).containsEntry("result", "ABORT_REQUESTED");
        assertThat(controlWhenTokenCompleted).singleElement()
                .satisfies(control -> assertThat(control.abortRequested()).as("abort on record as the wait is failed").isTrue());
        DescribeExecutionResponse execution = ended(waiting.executionArn());
        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("Aborted");
        assertThat(execution.cause()).isEqualTo("aborted by carol");
        Operation after = ledger.load(id);
        assertThat(after.control().abortRequested()).isTrue();
        assertThat(after.control().taskToken()).isNull();
    }

    @Test
    void aResumeAfterTheWaitHasEndedIsRecordedAsLateAndNotRetried() throws Exception {
        Parked waiting = parked("RESUME", true, OperationStatus.PAUSED);
        String id = waiting.id();
        sfn.stopExecution(r -> r.executionArn(waiting.executionArn()).error("Stopped").cause("by hand"));
        ended(waiting.executionArn());

        Map<String, String> result = handler(id).handle(command(DetailTypes.RESUME_REQUESTED, id), null);

        assertThat(result).containsEntry("result", OperationControlHandler.WAIT_ALREADY_ENDED);
        assertThat(ledger.timeline(id)).anySatisfy(step -> assertThat(step.message())
                .contains("ResumeRequested came after the wait had ended").contains("the workflow had already moved on"));
        assertThat(ledger.load(id).control().taskToken()).as("the stale token is dropped").isNull();
    }

    @Test
    void aWaitThatBeginsAfterAnAbortWasRecordedEndsAtOnce() throws Exception {
        Operation operation = Operation.start(OperationKind.MIGRATION, "orders-" + UUID.randomUUID(), "req-" + UUID.randomUUID(),
                Map.of("functionName", "orders"), false, Instant.now());
        ledger.start(operation);
        String id = operation.id();
        ledger.update(id, op -> op.control(op.control().requestAbort("aborted by erin"), Instant.now()));
        Waiting waiting = waitingWorkflow(id);

        Map<String, String> result = new AwaitDecisionHandler(controlPlane)
                .handle(new AwaitDecisionHandler.Input(id, "APPROVAL", waiting.token()), null);

        assertThat(result).containsEntry("decision", "ABORTED");
        DescribeExecutionResponse execution = ended(waiting.executionArn());
        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("Aborted");
        assertThat(ledger.load(id).control().taskToken()).as("no wait left on record for an abort to miss").isNull();
    }
}

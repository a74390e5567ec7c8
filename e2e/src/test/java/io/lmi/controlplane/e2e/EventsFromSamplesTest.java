package io.lmi.controlplane.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.cli.client.ControlPlaneClient;
import io.lmi.controlplane.cli.local.LocalControlPlane;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.local.RepositoryLayout;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * The trigger path as template.yaml declares it: a sample event from events/ put on the bus, the rule starts the
 * migration workflow, and the workflow runs the project's real handler classes in the local AWS.
 */
@ExtendWith(ControlPlaneExtension.class)
class EventsFromSamplesTest {

    private final LocalControlPlane controlPlane;

    EventsFromSamplesTest(LocalControlPlane controlPlane) {
        this.controlPlane = controlPlane;
    }

    @Test
    void aSampleMigrationRequestRunsTheRealStartHandlerWhichThrowsAndIsCaught() throws Exception {
        // events/migration-requested.json names orders-api, which this fresh account does not have: the real
        // StartMigrationHandler refuses it with InvalidRequestException, and the workflow's Catch routes to its Fail.
        JsonNode entries = new ObjectMapper().readTree(Files.readString(
                RepositoryLayout.locate().events().resolve("migration-requested.json")));
        JsonNode entry = entries.get(0);
        try (AwsClients clients = controlPlane.clients();
             EventBridgeClient events = clients.configure(EventBridgeClient.builder()).build();
             SfnClient sfn = clients.configure(SfnClient.builder()).build();
             ControlPlaneClient client = controlPlane.client(clients)) {
            var result = events.putEvents(r -> r.entries(PutEventsRequestEntry.builder()
                    .source(entry.get("Source").asText()).detailType(entry.get("DetailType").asText())
                    .eventBusName(entry.get("EventBusName").asText()).detail(entry.get("Detail").asText()).build()));
            assertThat(result.failedEntryCount()).isZero();

            String operationId = client.awaitOperation("change-4711", Duration.ofSeconds(60));
            Operation refused = client.await(operationId, op -> op.status().isTerminal(), Duration.ofSeconds(30));

            assertThat(refused.status()).isEqualTo(OperationStatus.FAILED);
            assertThat(refused.outcome()).hasValueSatisfying(outcome -> {
                assertThat(outcome.code()).isEqualTo("INVALID_REQUEST");
                assertThat(outcome.message()).contains("functionName: no function orders-api in us-east-1");
            });

            String machine = controlPlane.deployed().output("MigrationWorkflowArn");
            var execution = awaitFinished(sfn, machine);
            assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(execution.error()).isEqualTo("InvalidRequest");
            List<HistoryEvent> history = sfn.getExecutionHistory(r -> r.executionArn(execution.executionArn())).events();
            assertThat(history).anySatisfy(event -> assertThat(String.valueOf(event.taskFailedEventDetails() == null
                    ? event.lambdaFunctionFailedEventDetails() == null ? null
                    : event.lambdaFunctionFailedEventDetails().error() : event.taskFailedEventDetails().error()))
                    .isEqualTo("io.lmi.controlplane.core.validation.InvalidRequestException"));
        }
    }

    private static software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse awaitFinished(SfnClient sfn,
                                                                                                  String machine)
            throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            var executions = sfn.listExecutions(r -> r.stateMachineArn(machine)).executions();
            if (!executions.isEmpty() && executions.get(0).status() != ExecutionStatus.RUNNING) {
                return sfn.describeExecution(r -> r.executionArn(executions.get(0).executionArn()));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no finished execution of " + machine);
    }
}

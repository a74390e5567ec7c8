package io.lmi.controlplane.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.aws.ledger.Ledger;
import io.lmi.controlplane.cli.local.LocalControlPlane;
import io.lmi.controlplane.cli.local.seed.MetricHistory;
import io.lmi.controlplane.cli.local.seed.Workload;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.local.LocalAws;
import io.lmi.controlplane.local.RepositoryLayout;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The Assess Lambda as template.yaml deploys it: events/assessment-requested.json (for a seeded function) on the
 * control plane's bus, the rule invokes the deployed AssessFunction on the local handler host, and the assessment
 * lands in the ledger and is announced as AssessmentCompleted.
 */
@ExtendWith(ControlPlaneExtension.class)
class AssessmentFromEventTest {
    private final LocalControlPlane controlPlane;

    AssessmentFromEventTest(LocalControlPlane controlPlane) {
        this.controlPlane = controlPlane;
    }

    @Test
    void theSampleRequestRunsTheDeployedAssessFunctionAndLeavesItsVerdictInTheLedgerAndOnTheBus() throws Exception {
        String function = "assessed-" + UUID.randomUUID().toString().substring(0, 8);
        String requestId = "assess-" + function;
        try (AwsClients clients = controlPlane.clients();
             IamClient iam = clients.configure(IamClient.builder()).build();
             LambdaClient lambda = clients.configure(LambdaClient.builder()).build();
             SqsClient sqs = clients.configure(SqsClient.builder()).build();
             ApiGatewayClient apiGateway = clients.configure(ApiGatewayClient.builder()).build();
             CloudWatchClient cloudWatch = clients.configure(CloudWatchClient.builder()).build();
             EventBridgeClient events = clients.configure(EventBridgeClient.builder()).build();
             DynamoDbClient dynamo = clients.configure(DynamoDbClient.builder()).build();
             EventTap tap = new EventTap(clients, controlPlane.busName())) {
            // The demo's workload: steady, high volume, waiting on I/O at 2048 MB, where LMI pays off.
            new Workload(iam, lambda, sqs, apiGateway, "us-east-1", LocalAws.ACCOUNT_ID).function(function, "python3.13", 2048);
            new MetricHistory(cloudWatch).steady(function, Duration.ofDays(14), 100, 200, 0.0005, 11);

            JsonNode sample = Json.mapper().readTree(Files.readString(
                    RepositoryLayout.locate().events().resolve("assessment-requested.json"))).get(0);
            ObjectNode detail = (ObjectNode) Json.mapper().readTree(sample.get("Detail").asText());
            detail.put("functionName", function).put("requestId", requestId);
            var put = events.putEvents(r -> r.entries(PutEventsRequestEntry.builder()
                    .source(sample.get("Source").asText()).detailType(sample.get("DetailType").asText())
                    .eventBusName(controlPlane.busName()).detail(detail.toString()).build()));
            assertThat(put.failedEntryCount()).isZero();

            JsonNode completed = tap.await(e -> "AssessmentCompleted".equals(e.path("detail-type").asText())
                    && requestId.equals(e.at("/detail/requestId").asText()), Duration.ofSeconds(120));

            JsonNode announced = completed.get("detail");
            assertThat(announced.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(announced.get("functionName").asText()).isEqualTo(function);
            assertThat(announced.get("finding").asText()).isEqualTo("RECOMMEND_LMI");
            assertThat(announced.at("/ledger/table").asText()).isEqualTo(controlPlane.tableName());
            JsonNode stored = new Ledger(dynamo, controlPlane.tableName(), Clock.systemUTC())
                    .document("ASSESSMENT", announced.at("/ledger/id").asText()).orElseThrow();
            assertThat(stored.at("/function/name").asText()).isEqualTo(function);
            assertThat(stored.at("/verdict/finding").asText()).isEqualTo("RECOMMEND_LMI");
            assertThat(stored.at("/options/windowDays").asInt()).isEqualTo(14);
        }
    }
}

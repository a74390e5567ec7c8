package io.lmi.controlplane.functions.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.aws.ledger.LedgerTable;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationKind;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.core.traffic.Trigger;
import io.lmi.controlplane.core.traffic.TriggerKind;
import io.lmi.controlplane.core.traffic.TriggerState;
import io.lmi.controlplane.local.AwsTarget;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.OperationInput;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The completion step after a full-length last bake (its clock 15 minutes after the last step moved): the original
 * function is reported ready to decommission only when nothing reached it after the move, from the metric AWS/Lambda
 * publishes for it, put into the local AWS.
 */
@ExtendWith(LocalAwsExtension.class)
class CompleteMigrationIntegrationTest {
    private static final Duration LAST_BAKE = Duration.ofMinutes(15);

    private final AwsClients clients;
    private final DynamoDbClient dynamo;
    private final CloudWatchClient cloudWatch;
    private final String table;
    private final String original = "orders-" + UUID.randomUUID().toString().substring(0, 8);
    private final Instant lastStep = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(20)).plusSeconds(10);

    CompleteMigrationIntegrationTest(AwsTarget target) {
        this.clients = AwsClients.of(target.region(), target.credentials(), target.endpoint());
        this.dynamo = clients.configure(DynamoDbClient.builder()).build();
        this.cloudWatch = clients.configure(CloudWatchClient.builder()).build();
        this.table = LedgerTable.create(dynamo, "ledger-" + UUID.randomUUID());
    }

    @AfterEach
    void close() {
        cloudWatch.close();
        dynamo.close();
        clients.close();
    }

    private ControlPlane controlPlaneAt(Instant now) {
        return new ControlPlane(Map.of(ControlPlane.LEDGER_TABLE, table, ControlPlane.EVENT_BUS, "default"), clients,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    /** A migration whose last step (100%) moved the queue's mapping at {@code lastStep}. */
    private String movedMigration(ControlPlane controlPlane) {
        Operation migration = Operation.start(OperationKind.MIGRATION, original, "req-" + UUID.randomUUID(),
                Map.of("functionName", original), false, lastStep.minus(Duration.ofMinutes(40)));
        controlPlane.ledger().start(migration);
        String alias = "arn:aws:lambda:us-east-1:" + AwsTarget.ACCOUNT_ID + ":function:" + original + "-lmi:live";
        Trigger queue = new Trigger(TriggerKind.SQS, "mapping-1", "arn:aws:sqs:us-east-1:" + AwsTarget.ACCOUNT_ID + ":orders", null);
        controlPlane.ledger().update(migration.id(), op -> {
            op.fact(LmiFunctionFact.FACT, new LmiFunctionFact(original + "-lmi", alias.substring(0, alias.lastIndexOf(':')),
                    "1", "Active", lastStep, "live", alias), lastStep);
            op.fact(ShiftFact.FACT, new ShiftFact(1, 1, 100, lastStep, List.of(new TriggerState(queue, 100, null)),
                    List.of()), lastStep);
        });
        return migration.id();
    }

    private void originalInvocations(double count, Instant at) {
        cloudWatch.putMetricData(r -> r.namespace("AWS/Lambda").metricData(d -> d.metricName("Invocations").value(count)
                .unit(StandardUnit.COUNT).timestamp(at).dimensions(Dimension.builder().name("FunctionName").value(original).build())));
    }

    @Test
    void anOriginalThatStillHadInvocationsAfterTheMoveIsNotReportedReadyToDecommission() {
        ControlPlane controlPlane = controlPlaneAt(lastStep.plus(LAST_BAKE));
        String id = movedMigration(controlPlane);
        originalInvocations(1200, lastStep.minusSeconds(30));
        originalInvocations(9, lastStep.plus(Duration.ofMinutes(6)));

        new CompleteMigrationHandler(controlPlane).handle(new OperationInput(id), null);

        Operation completed = controlPlane.ledger().load(id);
        assertThat(completed.status()).isEqualTo(OperationStatus.COMPLETED);
        assertThat(completed.outcome().orElseThrow().message()).contains(original + " still had 9 invocation(s)")
                .contains("something calls it directly").doesNotContain("ready to decommission");
        assertThat(completed.outcome().orElseThrow().details().path("originalInvocationsAfterTheMove").asLong()).isEqualTo(9);
    }

    @Test
    void anOriginalNothingReachedAfterTheMoveIsReportedReadyToDecommission() {
        ControlPlane controlPlane = controlPlaneAt(lastStep.plus(LAST_BAKE));
        String id = movedMigration(controlPlane);
        originalInvocations(1200, lastStep.minusSeconds(30));

        new CompleteMigrationHandler(controlPlane).handle(new OperationInput(id), null);

        Operation completed = controlPlane.ledger().load(id);
        assertThat(completed.outcome().orElseThrow().message()).contains(original + " had no invocations from")
                .contains("ready to decommission");
        assertThat(completed.outcome().orElseThrow().details().path("original").asText())
                .contains("once you are satisfied, decommission it");
    }
}

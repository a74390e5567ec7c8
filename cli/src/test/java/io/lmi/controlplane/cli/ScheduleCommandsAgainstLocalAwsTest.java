package io.lmi.controlplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.aws.schedule.DriftReport;
import io.lmi.controlplane.aws.schedule.GovernedVersion;
import io.lmi.controlplane.aws.schedule.ScheduleChange;
import io.lmi.controlplane.aws.schedule.Scaling;
import io.lmi.controlplane.aws.schedule.ScheduleLedger;
import io.lmi.controlplane.aws.schedule.StoredSchedule;
import io.lmi.controlplane.functions.schedule.ApplyScheduleHandler;
import io.lmi.controlplane.functions.schedule.RemoveScheduleHandler;
import io.lmi.controlplane.local.LocalAws;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import io.lmi.controlplane.runtime.ControlPlane;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The commands against a control plane's bus and ledger in the local AWS. Lambda's EventBridge trigger is played by
 * a thread that takes the events off a queue subscribed to the bus and runs the real handlers with them.
 */
@ExtendWith(LocalAwsExtension.class)
class ScheduleCommandsAgainstLocalAwsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalAws localAws;
    private final AwsClients clients;
    private final DynamoDbClient dynamo;
    private final String table;
    private final String bus;

    @TempDir
    Path temp;

    ScheduleCommandsAgainstLocalAwsTest(LocalAws localAws) {
        this.localAws = localAws;
        this.clients = AwsClients.of(localAws.region(), localAws.credentials(), localAws.endpoint());
        this.dynamo = clients.configure(DynamoDbClient.builder()).build();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        this.table = io.lmi.controlplane.aws.ledger.LedgerTable.create(dynamo, "ledger-" + suffix);
        try (EventBridgeClient events = clients.configure(EventBridgeClient.builder()).build()) {
            this.bus = events.createEventBus(r -> r.name("bus-" + suffix)).eventBusArn().replaceAll(".*/", "");
        }
    }

    @AfterEach
    void close() {
        dynamo.close();
        clients.close();
    }

    private String[] target(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint", localAws.endpoint().toString(), "--bus", bus, "--table", table));
        return all.toArray(String[]::new);
    }

    @Test
    void listShowsEverySchedulesAndWhatItLastSet() {
        ScheduleLedger ledger = new ScheduleLedger(dynamo, table, Clock.systemUTC());
        Instant at = Instant.parse("2026-11-30T15:00:00Z");
        ledger.save(new StoredSchedule("orders", "orders", JSON.createObjectNode().put("function", "orders")
                .put("qualifier", "7").put("timezone", "America/New_York").put("environment", "production"), at, at,
                "ana", "r-1", List.of("a", "b"), Map.of("orders", new GovernedVersion("orders", "7",
                new Scaling(10, 100), at, "ana")), at), null);
        ledger.save(new StoredSchedule("tags:team=a", null, JSON.createObjectNode().put("qualifier",
                "$LATEST.PUBLISHED").put("timezone", "UTC").put("environment", "non-production"), at, at, "bo", "r-2",
                List.of("c"), Map.of("etl", new GovernedVersion("etl", "$LATEST.PUBLISHED", new Scaling(0, 0), at,
                "shaper")), at), null);

        ScheduleControlCommandsTest.Run all = ScheduleControlCommandsTest.run(target("list"));
        ScheduleControlCommandsTest.Run one = ScheduleControlCommandsTest.run(target("list", "etl"));
        ScheduleControlCommandsTest.Run none = ScheduleControlCommandsTest.run(target("list", "nothing"));

        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains("SCHEDULE", "orders", "America/New_York", "2 schedules",
                "orders:7 10/100 at 2026-11-30T15:00:00Z by ana", "tags:team=a", "etl:$LATEST.PUBLISHED 0/0");
        assertThat(one.out()).contains("tags:team=a").doesNotContain("orders:7");
        assertThat(none.out()).contains("No capacity schedule governs nothing.");
        ScheduleControlCommandsTest.Run json = ScheduleControlCommandsTest.run(target("list", "orders", "--output", "json"));
        assertThat(json.out()).contains("\"key\" : \"orders\"", "\"min\" : 10");
    }

    @Test
    void historyShowsEveryChangeAndDriftNewestFirst() throws Exception {
        ScheduleLedger ledger = new ScheduleLedger(dynamo, table, Clock.systemUTC());
        Instant applied = Instant.parse("2026-11-30T08:00:00Z");
        ledger.recordChange(new ScheduleChange(applied, "orders", "orders", "7", new Scaling(3, null), new Scaling(3, 10),
                ScheduleChange.Outcome.CHANGED, ScheduleChange.Cause.APPLY, "ana", null, "r-1", null, null, null));
        ledger.recordDrift(new DriftReport(applied.plusSeconds(3600), "orders", "orders", "7", new Scaling(3, 10),
                applied, "ana", new Scaling(1, 10), new Scaling(1, 10), "drift-check", "restored 3/10"));
        ledger.recordChange(new ScheduleChange(applied.plusSeconds(3601), "orders", "orders", "7", new Scaling(1, 10),
                new Scaling(3, 10), ScheduleChange.Outcome.CHANGED, ScheduleChange.Cause.DRIFT_CHECK, "shaper", null,
                null, null, null, null));
        ledger.recordChange(new ScheduleChange(applied, "other", "other", "1", null, new Scaling(5, 5),
                ScheduleChange.Outcome.CHANGED, ScheduleChange.Cause.APPLY, "bo", null, "r-2", null, null, null));

        ScheduleControlCommandsTest.Run table = ScheduleControlCommandsTest.run(target("history", "orders"));
        ScheduleControlCommandsTest.Run newest = ScheduleControlCommandsTest.run(target("history", "orders", "--limit",
                "1", "--output", "json"));
        ScheduleControlCommandsTest.Run none = ScheduleControlCommandsTest.run(target("history", "nothing"));

        assertThat(table.exitCode()).as(table.err()).isZero();
        String[] lines = table.out().split("\n");
        assertThat(lines[0]).contains("AT", "KIND", "VERSION", "FROM", "TO", "BY", "WHY");
        assertThat(lines).hasSize(4);
        assertThat(lines[1]).contains("2026-11-30T09:00:01Z", "CHANGE", "orders:7", "1/10", "3/10", "shaper", "DRIFT_CHECK");
        assertThat(lines[2]).contains("2026-11-30T09:00:00Z", "DRIFT", "3/10", "1/10", "drift-check",
                "changed outside the schedule", "restored 3/10");
        assertThat(lines[3]).contains("2026-11-30T08:00:00Z", "CHANGE", "3/no max", "3/10", "ana", "APPLY");
        assertThat(table.out()).doesNotContain("other:1");
        JsonNode json = JSON.readTree(newest.out());
        assertThat(json).hasSize(1);
        assertThat(json.at("/0/kind").asText()).isEqualTo("CHANGE");
        assertThat(json.at("/0/by").asText()).isEqualTo("shaper");
        assertThat(none.out()).contains("No recorded change or drift for schedule nothing");
        assertThat(ScheduleControlCommandsTest.run(target("history", "orders", "--limit", "0")).exitCode()).isEqualTo(2);
    }

    @Test
    void applyAndRemovePrintTheOutcomeTheControlPlaneRecorded() throws Exception {
        Path file = Files.writeString(temp.resolve("orders.yaml"), """
                function: no-such-function
                qualifier: "1"
                timezone: Europe/Berlin
                default: {min: 3, max: 10}
                """);
        try (Trigger trigger = new Trigger()) {
            ScheduleControlCommandsTest.Run apply = ScheduleControlCommandsTest.run(target("apply", "--file",
                    file.toString(), "--requested-by", "ana", "--request-id", "cli-test-1", "--timeout", "30"));

            assertThat(apply.exitCode()).as(apply.err()).isEqualTo(2);
            assertThat(apply.err()).contains("the control plane refused request cli-test-1; nothing was changed",
                    "function: there is no function no-such-function");

            ScheduleControlCommandsTest.Run remove = ScheduleControlCommandsTest.run(target("remove",
                    "no-such-function", "--timeout", "30", "--output", "json"));
            assertThat(remove.exitCode()).isEqualTo(2);
            JsonNode outcome = JSON.readTree(remove.out());
            assertThat(outcome.path("status").asText()).isEqualTo("REFUSED");
            assertThat(outcome.path("action").asText()).isEqualTo("remove");
            assertThat(outcome.at("/problems/0/message").asText()).contains("there is no capacity schedule");
            assertThat(trigger.handled).hasValue(2);
        }
    }

    @Test
    void withNobodyListeningTheCommandSaysSoAndFails() throws Exception {
        Path file = Files.writeString(temp.resolve("orders.json"), """
                {"function": "orders", "qualifier": "1", "timezone": "UTC", "default": {"min": 3, "max": 10}}""");

        ScheduleControlCommandsTest.Run run = ScheduleControlCommandsTest.run(target("apply", "--file",
                file.toString(), "--timeout", "1"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("is on bus " + bus, "no outcome reached ledger " + table,
                "is the control plane deployed there?");
    }

    @Test
    void theBusAndTheLedgerComeFromTheStacksOutputs() {
        String stack = "control-plane-" + UUID.randomUUID().toString().substring(0, 8);
        try (CloudFormationClient cloudFormation = clients.configure(CloudFormationClient.builder()).build()) {
            cloudFormation.createStack(r -> r.stackName(stack).templateBody("""
                    {"Resources": {"Queue": {"Type": "AWS::SQS::Queue"}},
                     "Outputs": {"EventBusName": {"Value": "%s"}, "LedgerTableName": {"Value": "%s"}}}"""
                    .formatted(bus, table)));
        }
        new ScheduleLedger(dynamo, table, Clock.systemUTC()).save(new StoredSchedule("billing", "billing",
                JSON.createObjectNode().put("qualifier", "3").put("timezone", "UTC").put("environment", "production"),
                Instant.EPOCH, Instant.EPOCH, "ana", "r", List.of(), Map.of(), Instant.EPOCH), null);

        ScheduleControlCommandsTest.Run run = ScheduleControlCommandsTest.run("list", "--endpoint",
                localAws.endpoint().toString(), "--stack", stack);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("billing", "(no version yet)");
    }

    @Test
    void withoutBusAndTableTheLocalAwsUsesTheTemplatesNames() {
        ScheduleControlCommandsTest.Run run = ScheduleControlCommandsTest.run("list", "--endpoint",
                localAws.endpoint().toString(), "--stack", "no-such-stack");

        assertThat(run.err()).contains("no CloudFormation stack no-such-stack", "no-such-stack-bus",
                "no-such-stack-ledger");
        assertThat(run.exitCode()).as("the ledger table does not exist").isEqualTo(1);
    }

    /** Plays Lambda's EventBridge trigger for the two request functions, on a thread stopped by close(). */
    private final class Trigger implements AutoCloseable {
        final java.util.concurrent.atomic.AtomicInteger handled = new java.util.concurrent.atomic.AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final SqsClient sqs = clients.configure(SqsClient.builder()).build();
        private final SchedulerClient scheduler = clients.configure(SchedulerClient.builder()).build();
        private final String queueUrl;
        private final Thread thread;

        Trigger() {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            queueUrl = sqs.createQueue(r -> r.queueName("requests-" + suffix)).queueUrl();
            String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            String group = scheduler.createScheduleGroup(r -> r.name("capacity-" + suffix)).scheduleGroupArn()
                    .replaceAll(".*/", "");
            try (EventBridgeClient events = clients.configure(EventBridgeClient.builder()).build()) {
                events.putRule(r -> r.name("requests-" + suffix).eventBusName(bus)
                        .eventPattern("{\"detail-type\": [\"CapacityScheduleRequested\"]}"));
                events.putTargets(r -> r.rule("requests-" + suffix).eventBusName(bus)
                        .targets(t -> t.id("queue").arn(queueArn)));
            }
            ControlPlane controlPlane = new ControlPlane(Map.of("LEDGER_TABLE", table, "EVENT_BUS_NAME", bus,
                    "SCHEDULE_GROUP", group,
                    "SHAPER_FUNCTION_ARN", "arn:aws:lambda:us-east-1:123456789012:function:shaper",
                    "SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/scheduler"), clients, Clock.systemUTC());
            RequestStreamHandler apply = new ApplyScheduleHandler(controlPlane);
            RequestStreamHandler remove = new RemoveScheduleHandler(controlPlane);
            thread = new Thread(() -> {
                while (running.get()) {
                    for (Message message : sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1))
                            .messages()) {
                        try {
                            boolean removal = JSON.readTree(message.body()).at("/detail/action").asText()
                                    .equals("remove");
                            (removal ? remove : apply).handleRequest(new ByteArrayInputStream(
                                    message.body().getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(),
                                    io.lmi.controlplane.local.host.LocalContext.forFunction(removal ? "remove" : "apply"));
                        } catch (Exception e) {
                            // Lambda logs a failed invocation; the outcome is in the ledger either way.
                        }
                        handled.incrementAndGet();
                        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                    }
                }
            }, "eventbridge-trigger");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
            sqs.close();
            scheduler.close();
        }
    }

}

package io.lmi.controlplane.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.cli.local.LocalControlPlane;
import io.lmi.controlplane.cli.local.demo.TrafficSimulator;
import io.lmi.controlplane.core.events.DetailTypes;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationKind;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.aws.schedule.ScheduleChange;
import io.lmi.controlplane.aws.schedule.ScheduleLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The rollout workflow (statemachines/rollout.asl.json) on LMI functions in the local AWS. */
@ExtendWith(ControlPlaneExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RolloutWorkflowTest {

    private final LocalControlPlane controlPlane;
    private MigrationScenario scenario;
    private LmiFunctionFixture fixture;
    private Ec2Client ec2;
    private DynamoDbClient dynamo;
    private String function;

    RolloutWorkflowTest(LocalControlPlane controlPlane) {
        this.controlPlane = controlPlane;
    }

    @BeforeAll
    void provider() {
        scenario = new MigrationScenario(controlPlane);
        ec2 = scenario.clients.configure(Ec2Client.builder()).build();
        dynamo = scenario.clients.configure(DynamoDbClient.builder()).build();
        fixture = new LmiFunctionFixture(scenario.lambda, ec2, scenario.iam);
    }

    @AfterAll
    void close() {
        ec2.close();
        dynamo.close();
        scenario.close();
    }

    @BeforeEach
    void function() {
        function = fixture.create("svc-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @AfterEach
    void stopTraffic() {
        scenario.stopTraffic();
    }

    private Map<String, Object> rollout(Map<String, Object> extra) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("functionName", function);
        detail.put("alias", "live");
        detail.put("bake", "2s");
        detail.put("gates", Map.of("minInvocations", 5));
        detail.put("requestedBy", "e2e");
        detail.putAll(extra);
        return detail;
    }

    private String start(Map<String, Object> detail) throws InterruptedException {
        return scenario.client.awaitOperation(scenario.client.request(DetailTypes.ROLLOUT_REQUESTED, detail),
                Duration.ofSeconds(60));
    }

    private String aliasVersion() {
        return scenario.lambda.getAlias(r -> r.functionName(function).name("live")).functionVersion();
    }

    /**
     * A capacity schedule applied to version 1 governs version 2 once the rollout promotes it (FollowSchedules in
     * rollout.asl.json): the ledger's schedule names version 2, version 2 carries the calendar's values (promotion
     * already gave it the replaced version's), and version 1 is released, recorded as the rollout's doing.
     */
    @Test
    void aCapacityScheduleFollowsThePromotedVersion(@TempDir Path temp) throws Exception {
        Path file = Files.writeString(temp.resolve("schedule.yaml"), """
                function: %s
                qualifier: "1"
                environment: production
                timezone: UTC
                default: {min: 3, max: 20}
                periods:
                  - {name: always, days: [MON, TUE, WED, THU, FRI, SAT, SUN], start: "00:00", end: "24:00", min: 5, max: 40}
                """.formatted(function));
        Cli.Run applied = Cli.lmi("schedule", "apply", "--file", file.toString(), "--endpoint",
                controlPlane.localAws().endpoint().toString(), "--requested-by", "e2e", "--timeout", "60");
        assertThat(applied.exitCode()).as(applied.out() + applied.err()).isZero();
        assertThat(fixture.scaling(function, "1")).containsEntry("min", 5).containsEntry("max", 40);

        fixture.changeCode(function, "v2");
        String id = start(rollout(Map.of("publish", true, "steps", List.of(50, 100))));
        scenario.simulateTraffic(id, percent -> false);
        Operation rollout = scenario.awaitEnd(id);
        assertThat(rollout.status()).as(rollout.outcome().toString()).isEqualTo(OperationStatus.PROMOTED);
        assertThat(scenario.executionEnd(id)).as(scenario.executionReport(id)).isEqualTo("SUCCEEDED");

        ScheduleLedger ledger = new ScheduleLedger(dynamo, controlPlane.tableName(), Clock.systemUTC());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"2".equals(ledger.find(function).orElseThrow().schedule().qualifier())) {
            assertThat(System.nanoTime()).as("the schedule follows version 2 within 30 s").isLessThan(deadline);
            Thread.sleep(200);
        }
        assertThat(fixture.scaling(function, "2")).containsEntry("min", 5).containsEntry("max", 40);
        // Version 1 no longer carries traffic: the schedule lets it go, back to Lambda's default, on the rollout's word.
        assertThat(fixture.scaling(function, "1")).containsEntry("min", 3).containsEntry("max", "none");
        assertThat(ledger.changes(function)).anySatisfy(change -> {
            assertThat(change.cause()).isEqualTo(ScheduleChange.Cause.RELEASE);
            assertThat(change.qualifier()).isEqualTo("1");
            assertThat(change.by()).isEqualTo(id);
        });
    }

    @Test
    void aPublishedVersionIsShiftedThroughTheStepsAndPromoted() throws Exception {
        fixture.changeCode(function, "v2");
        String id = start(rollout(Map.of("publish", true, "steps", List.of(10, 50, 100))));
        scenario.simulateTraffic(id, percent -> false);

        Operation rollout = scenario.awaitEnd(id);

        assertThat(rollout.status()).as(rollout.outcome().toString()).isEqualTo(OperationStatus.PROMOTED);
        assertThat(rollout.kind()).isEqualTo(OperationKind.ROLLOUT);
        assertThat(scenario.executionEnd(id)).as(scenario.executionReport(id)).isEqualTo("SUCCEEDED");
        assertThat(aliasVersion()).isEqualTo("2");
        assertThat(scenario.lambda.getAlias(r -> r.functionName(function).name("live")).routingConfig()).satisfiesAnyOf(
                rc -> assertThat(rc).isNull(), rc -> assertThat(rc.additionalVersionWeights()).isEmpty());
        assertThat(fixture.scaling(function, "2")).containsEntry("min", 3).containsEntry("max", 10);
        assertThat(scenario.client.timeline(id)).extracting(e -> e.step())
                .containsSubsequence("Accepted", "PublishVersion", "Prepare", "Shift", "Gate", "Shift", "Gate", "Shift", "Gate", "End");
        assertThat(scenario.cloudWatch.describeAlarms(r -> r.alarmNamePrefix("lmi-" + function)).metricAlarms())
                .as("gate alarms removed").isEmpty();
        scenario.events.await(e -> id.equals(e.path("detail").path("operationId").asText())
                && DetailTypes.ROLLOUT_PROMOTED.equals(e.path("detail-type").asText()), Duration.ofSeconds(20));
        assertThat(scenario.client.history(function)).extracting(Operation::id).contains(id);
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 50, 100})
    void anAlarmAtAnyStepRollsTheAliasBackAndDeactivatesTheNewVersion(int failingAt) throws Exception {
        String newVersion = fixture.publish(function, "v2-broken");
        String id = start(rollout(Map.of("version", newVersion, "steps", List.of(10, 50, 100))));
        scenario.simulateTraffic(id, percent -> percent == failingAt);

        Operation rollout = scenario.awaitEnd(id);

        assertThat(rollout.status()).as(rollout.outcome().toString()).isEqualTo(OperationStatus.ROLLED_BACK);
        assertThat(rollout.outcome().orElseThrow().message()).contains("at " + failingAt + "%")
                .contains("live is back on version 1").contains("version " + newVersion + " is deactivated");
        assertThat(aliasVersion()).isEqualTo("1");
        assertThat(fixture.scaling(function, newVersion)).containsEntry("min", 0).containsEntry("max", 0);
        assertThat(fixture.scaling(function, "1")).containsEntry("min", 3).containsEntry("max", 10);
        List<MetricAlarm> alarms = scenario.cloudWatch.describeAlarms(r -> r.alarmNamePrefix("lmi-" + function)).metricAlarms();
        assertThat(alarms).isEmpty();
    }

    @Test
    void aVersionThatNeverBecomesActiveFailsCleanlyWithinTheDeploymentsBound() throws Exception {
        controlPlane.localAws().settings(Map.of("publish_never_active_functions", List.of(function)));
        try {
            fixture.changeCode(function, "v2");
            String id = start(rollout(Map.of("publish", true)));

            Operation rollout = scenario.awaitEnd(id);

            assertThat(rollout.status()).isEqualTo(OperationStatus.FAILED);
            assertThat(rollout.outcome().orElseThrow().code()).isEqualTo("VersionNotActive");
            assertThat(rollout.outcome().orElseThrow().message()).contains("Pending").contains("PUBLISH_TIMEOUT");
            assertThat(aliasVersion()).isEqualTo("1");
            assertThat(scenario.lambda.listVersionsByFunction(r -> r.functionName(function)).versions())
                    .extracting(v -> v.version()).as("the version that never became Active was deleted")
                    .containsExactly("$LATEST", "1");
        } finally {
            controlPlane.localAws().settings(Map.of("publish_never_active_functions", List.of()));
        }
    }

    @Test
    void aSecondRolloutOfABusyFunctionIsRefused() throws Exception {
        String v2 = fixture.publish(function, "v2");
        String first = start(rollout(Map.of("version", v2, "gates", Map.of("minInvocations", 1_000_000))));
        scenario.await(first, op -> op.status() == OperationStatus.WAITING_FOR_APPROVAL);

        String second = start(rollout(Map.of("publish", true)));

        Operation refused = scenario.awaitEnd(second);
        assertThat(refused.outcome().orElseThrow().code()).isEqualTo("FUNCTION_BUSY");
        scenario.client.abort(first, "done", "e2e");
        Operation aborted = scenario.awaitEnd(first);
        assertThat(aborted.status()).isEqualTo(OperationStatus.ABORTED);
        assertThat(aliasVersion()).isEqualTo("1");
    }

    @Test
    void supersededVersionsAreDeactivatedOrDeletedPerTheRetentionPolicy() throws Exception {
        for (int i = 2; i <= 7; i++) {
            fixture.publish(function, "v" + i);
        }
        scenario.lambda.updateAlias(r -> r.functionName(function).name("live").functionVersion("7"));
        String v8 = fixture.publish(function, "v8");
        String id = start(rollout(Map.of("version", v8, "steps", List.of(100),
                "retention", Map.of("keepReady", 1, "keepDeactivated", 3))));
        scenario.simulateTraffic(id, percent -> false);

        Operation rollout = scenario.awaitEnd(id);

        assertThat(rollout.status()).as(rollout.outcome().toString()).isEqualTo(OperationStatus.PROMOTED);
        assertThat(scenario.lambda.listVersionsByFunction(r -> r.functionName(function)).versions())
                .extracting(v -> v.version()).containsExactly("$LATEST", "4", "5", "6", "7", "8");
        assertThat(fixture.scaling(function, "7")).containsEntry("min", 3);
        for (String deactivated : List.of("4", "5", "6")) {
            assertThat(fixture.scaling(function, deactivated)).containsEntry("min", 0).containsEntry("max", 0);
        }
        JsonNode policy = rollout.outcome().orElseThrow().details().path("versionPolicy");
        assertThat(policy.path("deleted").toString()).contains("1", "2", "3");
    }

    @Test
    void aDryRunReportsTheStepsAndChangesNothing() throws Exception {
        String v2 = fixture.publish(function, "v2");
        String id = start(rollout(Map.of("version", v2, "dryRun", true)));

        Operation dryRun = scenario.awaitEnd(id);

        assertThat(dryRun.outcome().orElseThrow().code()).isEqualTo("DRY_RUN");
        assertThat(dryRun.fact("changes", JsonNode.class).orElseThrow().toString()).contains("scale version 2")
                .contains("promote");
        assertThat(aliasVersion()).isEqualTo("1");
        assertThat(fixture.scaling(function, v2)).containsEntry("min", 3).containsEntry("max", "none");
        assertThat(scenario.cloudWatch.describeAlarms(r -> r.alarmNamePrefix("lmi-" + function)).metricAlarms()).isEmpty();
    }

    /** A dry run of a publishing rollout publishes nothing: the plan names the publish it would make. */
    @Test
    void aDryRunThatWouldPublishReportsThePublishAndPublishesNothing() throws Exception {
        fixture.changeCode(function, "v2");
        int versionsBefore = scenario.lambda.listVersionsByFunction(r -> r.functionName(function)).versions().size();

        String id = start(rollout(Map.of("publish", true, "dryRun", true)));
        Operation dryRun = scenario.awaitEnd(id);

        assertThat(dryRun.outcome().orElseThrow().code()).as(dryRun.outcome().toString()).isEqualTo("DRY_RUN");
        assertThat(dryRun.outcome().orElseThrow().message()).contains("publishing $LATEST first");
        assertThat(dryRun.fact("changes", JsonNode.class).orElseThrow().get(0).asText())
                .startsWith("publish $LATEST of " + function + " as the next version");
        assertThat(scenario.executionEnd(id)).as(scenario.executionReport(id)).isEqualTo("SUCCEEDED");
        assertThat(scenario.client.timeline(id)).extracting(e -> e.step()).doesNotContain("PublishVersion");
        assertThat(scenario.lambda.listVersionsByFunction(r -> r.functionName(function)).versions())
                .as("no version published").hasSize(versionsBefore);
        assertThat(aliasVersion()).isEqualTo("1");
        assertThat(scenario.cloudWatch.describeAlarms(r -> r.alarmNamePrefix("lmi-" + function)).metricAlarms()).isEmpty();
    }

    /**
     * LMI holds at most 100 versions per capacity provider, counting every function on it: at the limit a publishing
     * rollout fails before it publishes, naming the versions to delete. The function is deleted afterwards, so the
     * class's other functions on the provider keep their slots.
     */
    @Test
    void aPublishAtTheCapacityProvidersVersionLimitFailsNamingTheFix() throws Exception {
        String providerArn = scenario.lambda.getFunctionConfiguration(r -> r.functionName(function)).capacityProviderConfig()
                .lambdaManagedInstancesCapacityProviderConfig().capacityProviderArn();
        try {
            int attached = scenario.lambda.listFunctionVersionsByCapacityProviderPaginator(r -> r
                    .capacityProviderName(providerArn)).functionVersions().stream().toList().size();
            fixture.publishPending(function, "fill", 100 - attached);
            fixture.changeCode(function, "one-too-many");
            int versionsBefore = scenario.lambda.listVersionsByFunction(r -> r.functionName(function)).versions().size();

            Operation rollout = scenario.awaitEnd(start(rollout(Map.of("publish", true))));

            assertThat(rollout.status()).isEqualTo(OperationStatus.FAILED);
            assertThat(rollout.outcome().orElseThrow().message()).contains("already has 100 function versions attached")
                    .contains("hard limit of 100").contains("delete versions no alias needs");
            assertThat(scenario.lambda.listVersionsByFunction(r -> r.functionName(function)).versions())
                    .as("nothing published").hasSize(versionsBefore);
            assertThat(aliasVersion()).isEqualTo("1");
        } finally {
            scenario.lambda.deleteFunction(r -> r.functionName(function));
        }
    }

    @Test
    void badRequestsAreRefusedNamingTheFieldAndChangeNothing() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        String standard = scenario.workload().function("std-" + UUID.randomUUID().toString().substring(0, 6), "python3.13", 512);
        cases.put("{\"functionName\":\"" + function + "\",\"alias\":\"nope\",\"version\":\"1\"}", "alias: no alias nope");
        cases.put("{\"functionName\":\"" + function + "\",\"alias\":\"live\",\"version\":\"42\"}", "version: no version 42");
        cases.put("{\"functionName\":\"" + function + "\",\"alias\":\"live\",\"version\":\"1\",\"weights\":[0.5,1.2]}",
                "weights[1]: 1.2 is outside (0, 1]");
        cases.put("{\"functionName\":\"" + standard.substring(standard.lastIndexOf(':') + 1) + "\",\"alias\":\"live\",\"publish\":true}",
                "does not run on LMI");
        for (var entry : cases.entrySet()) {
            Map<String, Object> detail = io.lmi.controlplane.core.json.Json.mapper().readValue(entry.getKey(), Map.class);
            String id = start(detail);
            Operation refused = scenario.awaitEnd(id);
            assertThat(refused.status()).isEqualTo(OperationStatus.FAILED);
            assertThat(refused.outcome().orElseThrow().code()).isEqualTo("INVALID_REQUEST");
            assertThat(refused.outcome().orElseThrow().message()).contains(entry.getValue());
        }
        assertThat(aliasVersion()).isEqualTo("1");
        assertThat(scenario.lambda.listVersionsByFunction(r -> r.functionName(function)).versions()).hasSize(2);
    }

    @Test
    void publishingANewVersionStartsARolloutWhenTheDeploymentAsksForIt() throws Exception {
        String v2 = fixture.publish(function, "v2");
        // What CloudTrail puts on the default bus when someone publishes a version (the local AWS has no CloudTrail).
        String cloudTrail = """
                {"eventSource": "lambda.amazonaws.com", "eventName": "PublishVersion20150331", "eventID": "%s",
                 "userIdentity": {"arn": "arn:aws:sts::123456789012:assumed-role/deployer/ci"},
                 "requestParameters": {"functionName": "%s"},
                 "responseElements": {"functionName": "%s", "version": "%s", "description": "release v2"}}"""
                .formatted(UUID.randomUUID(), function, function, v2);
        try (EventBridgeClient events = scenario.clients.configure(EventBridgeClient.builder()).build()) {
            events.putEvents(r -> r.entries(e -> e.source("aws.lambda").detailType("AWS API Call via CloudTrail")
                    .detail(cloudTrail)));
        }

        Operation rollout = scenario.await(null, function, Duration.ofSeconds(60));

        assertThat(rollout.kind()).isEqualTo(OperationKind.ROLLOUT);
        assertThat(rollout.requestDocument().path("version").asText()).isEqualTo(v2);
        assertThat(rollout.requestDocument().path("requestedBy").asText()).contains("deployer/ci");
        scenario.client.abort(rollout.id(), "test done", "e2e");
        assertThat(scenario.awaitEnd(rollout.id()).status()).isIn(OperationStatus.ABORTED, OperationStatus.ROLLED_BACK,
                OperationStatus.PROMOTED);
    }

    /**
     * Step Functions retries the start step after a timed-out sandbox or a Lambda service error, even when the first
     * attempt had started the rollout: that execution must carry on with it, not end as a duplicate of itself.
     */
    @Test
    void theStartStepRunTwiceByOneExecutionStartsTheSameRolloutBothTimes() {
        var attempts = scenario.startTwiceThenFromAnotherExecution("StartRolloutFunction", DetailTypes.ROLLOUT_REQUESTED,
                rollout(Map.of("publish", true, "requestId", "retry-" + function)));

        String id = attempts.first().path("operationId").asText();
        assertThat(attempts.first().path("outcome").asText()).isEqualTo("STARTED");
        assertThat(attempts.retried().path("outcome").asText()).as(attempts.retried().toString()).isEqualTo("STARTED");
        assertThat(attempts.retried().path("operationId").asText()).isEqualTo(id);
        assertThat(attempts.retried().path("publish").asBoolean()).as("the retry still publishes the new version").isTrue();
        assertThat(attempts.otherExecution().path("outcome").asText()).as("a redelivery in another execution joins")
                .isEqualTo("JOINED");
        scenario.endWithoutExecution(id);
    }
}

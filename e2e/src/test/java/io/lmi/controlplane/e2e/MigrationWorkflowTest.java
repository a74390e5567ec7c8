package io.lmi.controlplane.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.cli.local.LocalControlPlane;
import io.lmi.controlplane.cli.local.seed.Network;
import io.lmi.controlplane.cli.local.seed.Workload;
import io.lmi.controlplane.core.events.DetailTypes;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.core.operation.StepEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;

/**
 * The migration workflow from statemachines/migrate.asl.json, started by MigrationRequested events on the deployed
 * control plane's bus, running the real handlers against the local AWS.
 */
@ExtendWith(ControlPlaneExtension.class)
class MigrationWorkflowTest {

    private final LocalControlPlane controlPlane;
    private MigrationScenario scenario;

    MigrationWorkflowTest(LocalControlPlane controlPlane) {
        this.controlPlane = controlPlane;
    }

    @BeforeEach
    void open() {
        scenario = new MigrationScenario(controlPlane);
    }

    @AfterEach
    void close() {
        scenario.close();
    }

    /** What a rollback must leave exactly as it was: the triggers, the functions, the capacity providers. */
    private Map<String, String> accountSnapshot(Workload.Seeded workload) {
        return AccountSnapshot.of(scenario, workload);
    }

    private List<String> steps(String operationId) {
        return scenario.client.timeline(operationId).stream().map(StepEntry::step).toList();
    }

    @Test
    void aMigrationMovesTheQueueAndTheApiStepByStepAndCompletes() throws Exception {
        Workload.Seeded workload = scenario.workload().withQueueAndApi(scenario.function);
        var request = scenario.request();
        request.put("steps", List.of(50, 100));
        String id = scenario.migrate(request);
        scenario.simulateTraffic(id, percent -> false);

        Operation migration = scenario.awaitEnd(id);

        assertThat(migration.status()).as(migration.outcome().toString()).isEqualTo(OperationStatus.COMPLETED);
        assertThat(scenario.executionEnd(id)).as(scenario.executionReport(id)).isEqualTo("SUCCEEDED");
        assertThat(migration.outcome().orElseThrow().message()).as("a 2 s bake holds no whole minute to count callers in")
                .contains(scenario.function + " is untouched; the last step baked")
                .contains("check its Invocations metric is zero before you decommission it");
        assertThat(steps(id)).containsSubsequence("Accepted", "Plan", "CapacityProvider", "CreateLmiFunction",
                "PublishVersion", "ConfigureVersion", "Shift", "Gate", "Shift", "Gate", "End");
        String alias = "arn:aws:lambda:us-east-1:123456789012:function:" + scenario.function + "-lmi:live";
        List<EventSourceMappingConfiguration> mappings = scenario.lambda.listEventSourceMappings(r -> r
                .eventSourceArn(workload.queueArn())).eventSourceMappings();
        assertThat(mappings).anySatisfy(m -> {
            assertThat(m.functionArn()).isEqualTo(alias);
            assertThat(m.state()).isEqualTo("Enabled");
        });
        assertThat(mappings).anySatisfy(m -> {
            assertThat(m.uuid()).isEqualTo(workload.mappingUuid());
            assertThat(m.state()).isEqualTo("Disabled");
        });
        var integration = scenario.apiGateway.getResources(r -> r.restApiId(workload.restApiId()).embed("methods"))
                .items().stream().filter(res -> "/orders".equals(res.path())).findFirst().orElseThrow();
        assertThat(scenario.apiGateway.getIntegration(r -> r.restApiId(workload.restApiId()).resourceId(integration.id())
                .httpMethod("ANY")).uri()).contains(alias);
        assertThat(scenario.apiGateway.getStage(r -> r.restApiId(workload.restApiId()).stageName("prod")).canarySettings())
                .isNull();
        var lmi = scenario.lambda.getFunctionConfiguration(r -> r.functionName(scenario.function + "-lmi"));
        assertThat(lmi.capacityProviderConfig()).isNotNull();
        assertThat(scenario.lambda.getFunction(r -> r.functionName(scenario.function)).configuration().capacityProviderConfig())
                .as("the original is untouched").isNull();
        scenario.events.await(e -> id.equals(e.path("detail").path("operationId").asText())
                && DetailTypes.MIGRATION_COMPLETED.equals(e.path("detail-type").asText()), Duration.ofSeconds(20));
        assertThat(scenario.events.events(id)).extracting(e -> e.path("detail-type").asText())
                .contains(DetailTypes.MIGRATION_STEP_CHANGED, DetailTypes.MIGRATION_COMPLETED);
        assertThat(scenario.client.lock(scenario.function)).isEmpty();
        assertThat(scenario.client.lock(scenario.function + "-lmi")).as("the copy's lock is released too").isEmpty();
        assertThat(scenario.cloudWatch.describeAlarms(r -> r.alarmNamePrefix("lmi-" + scenario.function))
                .metricAlarms()).as("the gate alarms are deleted on completion").isEmpty();
        assertThat(migration.created()).as("no gate alarm is left recorded").noneMatch(r -> r.type().equals("ALARM"));
        assertThat(scenario.client.timeline(id)).anySatisfy(entry -> {
            assertThat(entry.step()).isEqualTo("GateAlarms");
            assertThat(entry.message()).startsWith("deleted the 5 gate alarm(s)");
        });
    }

    @Test
    void anAlarmAtFiftyPercentRollsBackAndLeavesTheAccountAsItWas() throws Exception {
        Workload.Seeded workload = scenario.workload().withQueueAndApi(scenario.function);
        Map<String, String> before = accountSnapshot(workload);
        String id = scenario.migrate(scenario.request());
        scenario.simulateTraffic(id, percent -> percent >= 50);

        Operation migration = scenario.awaitEnd(id);

        assertThat(migration.status()).as(migration.outcome().toString()).isEqualTo(OperationStatus.ROLLED_BACK);
        assertThat(scenario.executionEnd(id)).as(scenario.executionReport(id)).isEqualTo("FAILED RolledBack");
        assertThat(migration.outcome().orElseThrow().code()).isEqualTo("ALARM");
        assertThat(migration.outcome().orElseThrow().message()).contains("error-rate").contains("50%");
        assertThat(migration.created()).as("everything it created was removed").isEmpty();
        assertThat(accountSnapshot(workload)).isEqualTo(before);
        assertThat(scenario.events.await(e -> id.equals(e.path("detail").path("operationId").asText())
                && DetailTypes.MIGRATION_ROLLED_BACK.equals(e.path("detail-type").asText()), Duration.ofSeconds(20))
                .path("detail").path("outcomeCode").asText()).isEqualTo("ALARM");
    }

    @Test
    void aCapacityProviderThatNeverGetsReadyFailsWithItsCauseAndChangesNothing() throws Exception {
        Workload.Seeded workload = scenario.workload().withQueueAndApi(scenario.function);
        Map<String, String> before = accountSnapshot(workload);
        Network.Seeded isolated;
        try (Ec2Client ec2 = scenario.clients.configure(Ec2Client.builder()).build()) {
            isolated = new Network(ec2).privateWithoutEgress("10.31");
        }
        var request = scenario.request();
        request.put("capacityProvider", Map.of("subnetIds", isolated.privateSubnetIds()));
        String id = scenario.migrate(request);

        Operation migration = scenario.awaitEnd(id);

        assertThat(migration.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(migration.outcome().orElseThrow().message())
                .contains("no 0.0.0.0/0 route to a NAT gateway").contains("fix: add a NAT gateway route");
        assertThat(migration.created()).isEmpty();
        assertThat(accountSnapshot(workload)).isEqualTo(before);
        // The failed provider was deleted; deletion takes a moment (Deleting), as on AWS.
        for (int i = 0; i < 50 && scenario.lambda.listCapacityProvidersPaginator(r -> { }).capacityProviders().stream()
                .anyMatch(cp -> cp.vpcConfig().subnetIds().equals(isolated.privateSubnetIds())); i++) {
            Thread.sleep(200);
        }
        assertThat(scenario.lambda.listCapacityProvidersPaginator(r -> { }).capacityProviders().stream().toList())
                .noneMatch(cp -> cp.vpcConfig().subnetIds().equals(isolated.privateSubnetIds()));
    }

    @Test
    void aDuplicateDeliveryJoinsTheMigrationItStarted() throws Exception {
        scenario.workload().withQueueAndApi(scenario.function);
        var request = scenario.request();
        request.put("requestId", "dup-" + scenario.function);
        request.put("dryRun", true);
        String first = scenario.migrate(request);
        scenario.client.request(DetailTypes.MIGRATION_REQUESTED, request);

        scenario.awaitEnd(first);
        Thread.sleep(3000);

        assertThat(scenario.client.history(scenario.function)).extracting(Operation::id).containsExactly(first);
    }

    @Test
    void aSecondMigrationOfABusyFunctionIsRefusedAndTheFirstCarriesOn() throws Exception {
        scenario.workload().withQueueAndApi(scenario.function);
        var slow = scenario.request();
        slow.put("gates", Map.of("minInvocations", 1_000_000));
        String first = scenario.migrate(slow);
        scenario.await(first, op -> op.status() == OperationStatus.WAITING_FOR_APPROVAL);

        String second = scenario.migrate(scenario.request());

        Operation refused = scenario.awaitEnd(second);
        assertThat(refused.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(refused.outcome().orElseThrow().code()).isEqualTo("FUNCTION_BUSY");
        assertThat(refused.outcome().orElseThrow().message()).contains(first);
        assertThat(scenario.client.operation(first).orElseThrow().status()).isEqualTo(OperationStatus.WAITING_FOR_APPROVAL);
        scenario.client.abort(first, "test done", "e2e");
        assertThat(scenario.awaitEnd(first).status()).isEqualTo(OperationStatus.ABORTED);
    }

    @Test
    void aDryRunReportsEveryChangeAndMakesNone() throws Exception {
        Workload.Seeded workload = scenario.workload().withQueueAndApi(scenario.function);
        Map<String, String> before = accountSnapshot(workload);
        int providersBefore = scenario.lambda.listCapacityProvidersPaginator(r -> { }).capacityProviders().stream().toList().size();
        var request = scenario.request();
        request.put("dryRun", true);
        String id = scenario.migrate(request);

        Operation dryRun = scenario.awaitEnd(id);

        assertThat(dryRun.status()).isEqualTo(OperationStatus.COMPLETED);
        assertThat(dryRun.outcome().orElseThrow().code()).isEqualTo("DRY_RUN");
        List<String> changes = new ArrayList<>();
        dryRun.fact("plan", JsonNode.class).orElseThrow().path("changes").forEach(c -> changes.add(c.asText()));
        assertThat(changes).anyMatch(c -> c.contains("capacity provider"))
                .anyMatch(c -> c.startsWith("create function " + scenario.function + "-lmi"))
                .anyMatch(c -> c.contains("SQS") || c.contains("queue"))
                .anyMatch(c -> c.contains("canary"));
        assertThat(accountSnapshot(workload)).isEqualTo(before);
        assertThat(scenario.lambda.listCapacityProvidersPaginator(r -> { }).capacityProviders().stream().toList()).hasSize(providersBefore);
    }

    @Test
    void aManualAbortRollsBackToTheOriginal() throws Exception {
        Workload.Seeded workload = scenario.workload().withQueueAndApi(scenario.function);
        Map<String, String> before = accountSnapshot(workload);
        var request = scenario.request();
        request.put("bake", "30s");
        String id = scenario.migrate(request);
        scenario.simulateTraffic(id, percent -> false);
        scenario.await(id, op -> op.trafficPercent().orElse(0) > 0);

        scenario.client.abort(id, "latency looked wrong", "alice");

        Operation aborted = scenario.awaitEnd(id);
        assertThat(aborted.status()).isEqualTo(OperationStatus.ABORTED);
        assertThat(aborted.outcome().orElseThrow().message()).contains("aborted by alice: latency looked wrong");
        assertThat(accountSnapshot(workload)).isEqualTo(before);
    }

    @Test
    void aStepWithTooLittleTrafficWaitsForAPersonAndContinuesWhenApproved() throws Exception {
        scenario.workload().withQueueAndApi(scenario.function);
        var request = scenario.request();
        request.put("steps", List.of(100));
        request.put("gates", Map.of("minInvocations", 1_000_000));
        String id = scenario.migrate(request);

        Operation waiting = scenario.await(id, op -> op.status() == OperationStatus.WAITING_FOR_APPROVAL);
        assertThat(waiting.control().instructions()).contains("invocations").contains("./lmi approve " + id);
        scenario.events.await(e -> id.equals(e.path("detail").path("operationId").asText())
                && DetailTypes.APPROVAL_REQUESTED.equals(e.path("detail-type").asText()), Duration.ofSeconds(20));

        scenario.client.approve(id, "bob");

        Operation completed = scenario.awaitEnd(id);
        assertThat(completed.status()).isEqualTo(OperationStatus.COMPLETED);
        assertThat(steps(id)).contains("AwaitApproval", "Approved");
    }
}

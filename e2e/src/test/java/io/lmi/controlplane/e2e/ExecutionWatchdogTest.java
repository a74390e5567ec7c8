package io.lmi.controlplane.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.cli.local.LocalControlPlane;
import io.lmi.controlplane.cli.local.seed.Workload;
import io.lmi.controlplane.core.events.DetailTypes;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.core.operation.StepEntry;
import io.lmi.controlplane.functions.gate.AwaitDecisionHandler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The execution watchdog (template.yaml, ExecutionWatchdogFunction): a migration or rollout whose Step Functions
 * execution is stopped mid-way (StopExecution, as in the console) still ends in the ledger, with the account cleaned
 * up exactly as the workflow's own rollback would, the function unlocked and the end announced on the bus.
 */
@ExtendWith(ControlPlaneExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutionWatchdogTest {
    private static final String STATUS_CHANGE = "Step Functions Execution Status Change";
    /** More requests than any test sends: the first step's gate cannot judge, so the workflow waits for a person. */
    private static final Map<String, Object> NEVER_ENOUGH_TRAFFIC = Map.of("minInvocations", 1_000_000);
    /** A bake no test waits out: the execution is stopped while it bakes. */
    private static final String LONGER_THAN_THE_TEST = "30m";

    private final LocalControlPlane controlPlane;
    private MigrationScenario scenario;
    private LmiFunctionFixture fixture;
    private Ec2Client ec2;
    private SfnClient sfn;

    ExecutionWatchdogTest(LocalControlPlane controlPlane) {
        this.controlPlane = controlPlane;
    }

    @BeforeAll
    void open() {
        scenario = new MigrationScenario(controlPlane);
        ec2 = scenario.clients.configure(Ec2Client.builder()).build();
        sfn = scenario.clients.configure(SfnClient.builder()).build();
        fixture = new LmiFunctionFixture(scenario.lambda, ec2, scenario.iam);
    }

    @AfterAll
    void close() {
        sfn.close();
        ec2.close();
        scenario.close();
    }

    @Test
    void aMigrationWhoseExecutionIsStoppedMidBakeIsRolledBackEndedAbortedAndUnlocked() throws Exception {
        Workload.Seeded workload = scenario.workload().withQueueAndApi(scenario.function);
        Map<String, String> before = AccountSnapshot.of(scenario, workload);
        var request = scenario.request();
        request.put("bake", LONGER_THAN_THE_TEST);
        String id = scenario.migrate(request);
        Operation baking = scenario.await(id, op -> AwaitDecisionHandler.BAKE.equals(op.control().waitingFor()));
        assertThat(baking.trafficPercent()).as("the first step moved traffic").contains(10);
        assertThat(baking.created()).as("the LMI copy exists").anyMatch(r -> r.type().equals("FUNCTION"));
        assertThat(AccountSnapshot.of(scenario, workload)).as("the migration changed the account").isNotEqualTo(before);
        String copy = scenario.function + "-lmi";
        Operation rolloutOfTheCopy = scenario.awaitEnd(startRollout(copy, Map.of("publish", true)));
        assertThat(rolloutOfTheCopy.outcome().orElseThrow().code())
                .as("a rollout of the LMI copy while the migration shifts to it").isEqualTo("FUNCTION_BUSY");
        assertThat(rolloutOfTheCopy.outcome().orElseThrow().message()).contains(copy + " is busy: " + id);

        stop(baking, "stopped in the console by e2e");
        Operation ended = scenario.awaitEnd(id);

        assertThat(ended.status()).as(ended.outcome().toString()).isEqualTo(OperationStatus.ABORTED);
        assertThat(ended.outcome().orElseThrow().code()).isEqualTo("ExecutionABORTED");
        assertThat(ended.outcome().orElseThrow().message()).contains("was stopped (ABORTED)")
                .contains("stopped in the console by e2e").contains("at 10% of traffic on the new function")
                .contains("every trigger is back on " + scenario.function + " and what the migration created was removed");
        assertThat(ended.outcome().orElseThrow().details().path("error").path("Error").asText()).isEqualTo("ExecutionABORTED");
        assertThat(ended.created()).as("everything it created was removed").isEmpty();
        assertThat(AccountSnapshot.of(scenario, workload)).as("every trigger restored").isEqualTo(before);
        assertThat(steps(id)).containsSubsequence("Watchdog", "RollBack", "End");
        assertThat(scenario.lambda.listFunctions().functions()).as("the LMI copy is deleted")
                .allMatch(f -> !f.functionName().startsWith(scenario.function) || f.functionName().equals(scenario.function));
        assertThat(scenario.client.lock(scenario.function)).as("the function is released").isEmpty();
        assertThat(scenario.client.lock(copy)).as("the LMI copy's name is released").isEmpty();
        JsonNode announced = scenario.events.await(e -> id.equals(e.path("detail").path("operationId").asText())
                && DetailTypes.MIGRATION_ABORTED.equals(e.path("detail-type").asText()), Duration.ofSeconds(20));
        assertThat(announced.path("detail").path("outcomeCode").asText()).isEqualTo("ExecutionABORTED");

        var again = scenario.request();
        again.put("dryRun", true);
        Operation next = scenario.awaitEnd(scenario.migrate(again));
        assertThat(next.status()).as("a new migration of the function starts: " + next.outcome())
                .isEqualTo(OperationStatus.COMPLETED);
        assertThat(next.outcome().orElseThrow().code()).isEqualTo("DRY_RUN");
    }

    @Test
    void aRolloutWhoseExecutionIsStoppedPutsTheAliasBackAndEndsAborted() throws Exception {
        String function = newFunction();
        String v2 = fixture.publish(function, "v2");
        Operation waiting = rolloutWaitingForApproval(function, v2);
        String id = waiting.id();
        assertThat(scenario.lambda.getAlias(r -> r.functionName(function).name("live")).routingConfig()
                .additionalVersionWeights()).as("the first step shifted the alias").containsKey(v2);

        stop(waiting, "stopped by e2e");
        Operation ended = scenario.awaitEnd(id);

        assertThat(ended.status()).as(ended.outcome().toString()).isEqualTo(OperationStatus.ABORTED);
        assertThat(ended.outcome().orElseThrow().code()).isEqualTo("ExecutionABORTED");
        assertThat(ended.outcome().orElseThrow().message()).contains("stopped by e2e")
                .contains("live is back on version 1 and version " + v2 + " is deactivated (0/0)");
        var alias = scenario.lambda.getAlias(r -> r.functionName(function).name("live"));
        assertThat(alias.functionVersion()).isEqualTo("1");
        assertThat(alias.routingConfig()).satisfiesAnyOf(rc -> assertThat(rc).isNull(),
                rc -> assertThat(rc.additionalVersionWeights()).isEmpty());
        assertThat(fixture.scaling(function, v2)).containsEntry("min", 0).containsEntry("max", 0);
        assertThat(fixture.scaling(function, "1")).containsEntry("min", 3).containsEntry("max", 10);
        assertThat(gateAlarms(function))
                .as("gate alarms removed").isEmpty();
        assertThat(steps(id)).containsSubsequence("AwaitApproval", "Watchdog", "RollBack", "End");
        assertThat(scenario.client.lock(function)).isEmpty();
        scenario.events.await(e -> id.equals(e.path("detail").path("operationId").asText())
                && DetailTypes.ROLLOUT_ABORTED.equals(e.path("detail-type").asText()), Duration.ofSeconds(20));

        String v3 = fixture.publish(function, "v3");
        Operation next = scenario.awaitEnd(startRollout(function, Map.of("version", v3, "dryRun", true)));
        assertThat(next.outcome().orElseThrow().code()).as("a new rollout of the function starts").isEqualTo("DRY_RUN");
    }

    @Test
    void aCleanupThatCannotFinishStillEndsTheOperationFailedNamingWhatIsLeftAndUnlocksTheFunction() throws Exception {
        String function = newFunction();
        String v2 = fixture.publish(function, "v2");
        Operation waiting = rolloutWaitingForApproval(function, v2);
        String id = waiting.id();
        // Someone deletes the function by hand meanwhile: its alias cannot be pointed back nor its version deactivated.
        scenario.lambda.deleteFunction(r -> r.functionName(function));

        stop(waiting, "stopped by e2e");
        Operation ended = scenario.awaitEnd(id);

        assertThat(ended.status()).as(ended.outcome().toString()).isEqualTo(OperationStatus.FAILED);
        assertThat(ended.outcome().orElseThrow().code()).isEqualTo("ExecutionABORTED_CLEANUP_INCOMPLETE");
        assertThat(ended.outcome().orElseThrow().message())
                .contains("NOT cleaned up: alias live could not be pointed back to 1");
        assertThat(ended.outcome().orElseThrow().message()).contains("version " + v2 + " could not be deactivated");
        assertThat(ended.outcome().orElseThrow().details().path("leftovers").toString()).contains("alias live");
        assertThat(gateAlarms(function))
                .as("what could be undone was: the gate alarms are removed").isEmpty();
        assertThat(scenario.client.lock(function)).as("the function is released all the same").isEmpty();
        JsonNode announced = scenario.events.await(e -> id.equals(e.path("detail").path("operationId").asText())
                && DetailTypes.ROLLOUT_FAILED.equals(e.path("detail-type").asText()), Duration.ofSeconds(20));
        assertThat(announced.path("detail").path("outcomeCode").asText()).isEqualTo("ExecutionABORTED_CLEANUP_INCOMPLETE");
    }

    @Test
    void aRedeliveredStatusEventAndTheEndOfAnExecutionThatOnlyJoinedChangeNothing() throws Exception {
        String function = newFunction();
        String v2 = fixture.publish(function, "v2");
        String requestId = "redelivered-" + UUID.randomUUID();
        Map<String, Object> detail = rolloutRequest(function, Map.of("version", v2, "gates", NEVER_ENOUGH_TRAFFIC,
                "requestId", requestId));
        String id = scenario.client.awaitOperation(scenario.client.request(DetailTypes.ROLLOUT_REQUESTED, detail),
                Duration.ofSeconds(60));
        Operation waiting = awaitApprovalWait(id);
        String executionArn = waiting.executionArn().orElseThrow();
        String rolloutMachine = controlPlane.deployed().physicalId("RolloutWorkflow");

        // The same request again: its execution only joins the running rollout and succeeds.
        scenario.client.request(DetailTypes.ROLLOUT_REQUESTED, detail);
        String joiner = awaitSecondExecution(rolloutMachine, requestId, executionArn);
        JsonNode joinerEnded = statusEvent(joiner, rolloutMachine, "ABORTED", null);
        assertThat(watchdog(joinerEnded).path("reason").asText()).contains("belongs to execution " + executionArn);
        assertThat(scenario.client.operation(id).orElseThrow().status()).isEqualTo(OperationStatus.WAITING_FOR_APPROVAL);

        JsonNode aborted;
        try (EventTap statusEvents = new EventTap(scenario.clients, "default", """
                {"source": ["aws.states"], "detail-type": ["%s"], "detail": {"executionArn": ["%s"], "status": ["ABORTED"]}}"""
                .formatted(STATUS_CHANGE, executionArn))) {
            stop(waiting, "stopped by e2e");
            aborted = statusEvents.await(e -> true, Duration.ofSeconds(20));
        }
        Operation ended = scenario.awaitEnd(id);
        assertThat(ended.status()).isEqualTo(OperationStatus.ABORTED);
        List<StepEntry> timeline = scenario.client.timeline(id);
        int announced = scenario.events.events(id).size();

        redeliver(aborted);
        JsonNode answer = watchdog(aborted);
        Thread.sleep(3000);

        assertThat(answer.path("result").asText()).isEqualTo("IGNORED");
        assertThat(answer.path("reason").asText()).isEqualTo("the operation already ended ABORTED");
        Operation after = scenario.client.operation(id).orElseThrow();
        assertThat(after.updatedAt()).isEqualTo(ended.updatedAt());
        assertThat(after.outcome()).isEqualTo(ended.outcome());
        assertThat(scenario.client.timeline(id)).hasSameSizeAs(timeline);
        assertThat(scenario.events.events(id)).as("nothing announced again").hasSize(announced);
    }

    /** A function of its own for each test, so that no test's lock or alias meets another's. */
    private String newFunction() {
        return fixture.create("svc-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** The operation once its first step waits for a person (its gate cannot judge: NEVER_ENOUGH_TRAFFIC). */
    private Operation awaitApprovalWait(String id) throws InterruptedException {
        return scenario.await(id, op -> op.status() == OperationStatus.WAITING_FOR_APPROVAL);
    }

    /** A rollout of {@code version} whose first step shifted traffic, created its gate alarms and waits for a person. */
    private Operation rolloutWaitingForApproval(String function, String version) throws InterruptedException {
        Operation waiting = awaitApprovalWait(startRollout(function, Map.of("version", version, "gates",
                NEVER_ENOUGH_TRAFFIC)));
        assertThat(gateAlarms(function)).as("the rollout created its gate alarms").isNotEmpty();
        return waiting;
    }

    private List<String> gateAlarms(String function) {
        return scenario.cloudWatch.describeAlarms(r -> r.alarmNamePrefix("lmi-" + function)).metricAlarms().stream()
                .map(alarm -> alarm.alarmName()).toList();
    }

    private void stop(Operation operation, String cause) {
        sfn.stopExecution(r -> r.executionArn(operation.executionArn().orElseThrow()).error("Operator").cause(cause));
    }

    private List<String> steps(String operationId) {
        return scenario.client.timeline(operationId).stream().map(StepEntry::step).toList();
    }

    private Map<String, Object> rolloutRequest(String function, Map<String, Object> extra) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("functionName", function);
        detail.put("alias", "live");
        detail.put("bake", "2s");
        detail.put("requestedBy", "e2e");
        detail.putAll(extra);
        return detail;
    }

    private String startRollout(String function, Map<String, Object> extra) throws InterruptedException {
        return scenario.client.awaitOperation(scenario.client.request(DetailTypes.ROLLOUT_REQUESTED,
                rolloutRequest(function, extra)), Duration.ofSeconds(60));
    }

    /** The execution the redelivered request started (it joins, then succeeds). */
    private String awaitSecondExecution(String machine, String requestId, String first) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            for (var listed : sfn.listExecutions(r -> r.stateMachineArn(machine)).executions()) {
                if (!listed.executionArn().equals(first) && sfn.describeExecution(r -> r.executionArn(listed.executionArn()))
                        .input().contains(requestId)) {
                    return listed.executionArn();
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the redelivered request started no execution");
    }

    /** The status-change event Step Functions puts on the default bus for {@code executionArn} ending {@code status}. */
    private JsonNode statusEvent(String executionArn, String machine, String status, String cause) {
        var execution = sfn.describeExecution(r -> r.executionArn(executionArn));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("executionArn", executionArn);
        detail.put("stateMachineArn", machine);
        detail.put("name", execution.name());
        detail.put("status", status);
        detail.put("startDate", execution.startDate().toEpochMilli());
        detail.put("stopDate", System.currentTimeMillis());
        detail.put("input", execution.input());
        detail.put("inputDetails", Map.of("included", true));
        detail.put("cause", cause);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", STATUS_CHANGE);
        event.put("source", "aws.states");
        event.put("region", "us-east-1");
        event.put("resources", List.of(executionArn));
        event.put("detail", detail);
        return Json.tree(event);
    }

    /** The watchdog's own answer to {@code event}, invoked directly (synchronously). */
    private JsonNode watchdog(JsonNode event) {
        String name = controlPlane.deployed().physicalId("ExecutionWatchdogFunction");
        var response = scenario.lambda.invoke(r -> r.functionName(name).payload(SdkBytes.fromUtf8String(Json.write(event))));
        assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
        return Json.read(response.payload().asUtf8String(), JsonNode.class, "watchdog answer");
    }

    /** Puts {@code event} on the default bus again, as EventBridge's at-least-once delivery may. */
    private void redeliver(JsonNode event) {
        try (EventBridgeClient events = scenario.clients.configure(EventBridgeClient.builder()).build()) {
            var response = events.putEvents(r -> r.entries(e -> e.source(event.path("source").asText())
                    .detailType(event.path("detail-type").asText()).detail(Json.write(event.path("detail")))
                    .resources(event.path("resources").get(0).asText())));
            assertThat(response.failedEntryCount()).isZero();
        }
    }
}

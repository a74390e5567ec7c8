package io.lmi.controlplane.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.aws.ledger.StartResult;
import io.lmi.controlplane.cli.local.LocalControlPlane;
import io.lmi.controlplane.cli.local.seed.Network;
import io.lmi.controlplane.cli.local.seed.Workload;
import io.lmi.controlplane.core.events.DetailTypes;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationKind;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.core.operation.StepEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * approve, pause, resume and abort of a running migration (the control events on the deployed control plane's bus),
 * and the start step run twice by one execution, with the real handlers against the local AWS.
 */
@ExtendWith(ControlPlaneExtension.class)
class OperationControlTest {
    /** The local AWS's own default (local/moto/lmi_local/settings.py), put back after a test that slows providers. */
    private static final double DEFAULT_CAPACITY_PROVIDER_READY_SECONDS = 0.5;

    private final LocalControlPlane controlPlane;
    private MigrationScenario scenario;

    OperationControlTest(LocalControlPlane controlPlane) {
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

    private List<StepEntry> timeline(String operationId) {
        return scenario.client.timeline(operationId);
    }

    private List<String> steps(String operationId) {
        return timeline(operationId).stream().map(StepEntry::step).toList();
    }

    /**
     * A resume completes the wait's token and the workflow re-judges its step at once: the pause must be off the
     * record by then, or the workflow parks again on a new token nobody resumes (seen under load before the control
     * handler cleared the pause ahead of completing the token; OperationControlIntegrationTest pins that order).
     */
    @Test
    void aPauseHoldsTheNextGateAndAResumeCarriesOn() throws Exception {
        scenario.workload().withQueueAndApi(scenario.function);
        var request = scenario.request();
        request.put("steps", List.of(50, 100));
        String id = scenario.migrate(request);
        scenario.simulateTraffic(id, percent -> false);

        scenario.client.control(DetailTypes.PAUSE_REQUESTED, id, null, "carol");

        Operation paused = scenario.await(id, op -> op.status() == OperationStatus.PAUSED);
        assertThat(paused.control().waitingFor()).isEqualTo("RESUME");
        assertThat(paused.trafficPercent()).contains(50);
        Thread.sleep(3000);
        assertThat(scenario.client.operation(id).orElseThrow().status()).as("a pause holds until resumed")
                .isEqualTo(OperationStatus.PAUSED);

        scenario.client.control(DetailTypes.RESUME_REQUESTED, id, null, "carol");

        Operation completed = scenario.awaitEnd(id);
        assertThat(completed.status()).as(completed.outcome().toString()).isEqualTo(OperationStatus.COMPLETED);
        assertThat(scenario.executionEnd(id)).isEqualTo("SUCCEEDED");
        assertThat(steps(id)).containsSubsequence("PauseRequested", "AwaitResume", "Resumed", "Shift", "End");
        assertThat(steps(id)).as("the resumed workflow did not park again").containsOnlyOnce("AwaitResume");
        assertThat(scenario.client.lock(scenario.function)).isEmpty();
    }

    @Test
    void aResumeWhileTheWorkflowWaitsForApprovalLeavesThatWaitToTheApproval() throws Exception {
        scenario.workload().withQueueAndApi(scenario.function);
        var request = scenario.request();
        request.put("steps", List.of(100));
        request.put("gates", Map.of("minInvocations", 1_000_000));
        String id = scenario.migrate(request);
        Operation waiting = scenario.await(id, op -> op.status() == OperationStatus.WAITING_FOR_APPROVAL);
        String token = waiting.control().taskToken();

        scenario.client.control(DetailTypes.RESUME_REQUESTED, id, null, "dave");

        scenario.await(id, op -> timeline(id).stream().anyMatch(step -> step.message() != null
                && step.message().contains("ResumeRequested by dave ignored")));
        assertThat(timeline(id)).filteredOn(step -> step.message() != null && step.message().contains("ignored"))
                .singleElement().satisfies(step -> assertThat(step.message()).contains("waits for APPROVAL"));
        Operation stillWaiting = scenario.client.operation(id).orElseThrow();
        assertThat(stillWaiting.status()).isEqualTo(OperationStatus.WAITING_FOR_APPROVAL);
        assertThat(stillWaiting.control().waitingFor()).isEqualTo("APPROVAL");
        assertThat(stillWaiting.control().taskToken()).isEqualTo(token);

        scenario.client.approve(id, "dave");

        Operation completed = scenario.awaitEnd(id);
        assertThat(completed.status()).as(completed.outcome().toString()).isEqualTo(OperationStatus.COMPLETED);
        assertThat(steps(id)).containsSubsequence("AwaitApproval", "Approved", "End");
        assertThat(scenario.client.lock(scenario.function)).isEmpty();
    }

    @Test
    void anAbortWhileTheCapacityProviderIsPendingRollsBackWithoutShiftingAnyTraffic() throws Exception {
        Workload.Seeded workload = scenario.workload().withQueueAndApi(scenario.function);
        Map<String, String> before = AccountSnapshot.of(scenario, workload);
        Network.Seeded network;
        try (Ec2Client ec2 = scenario.clients.configure(Ec2Client.builder()).build()) {
            // A network of its own, so that the plan creates a provider rather than reusing an Active one.
            network = new Network(ec2).privateWithNat("10.33");
        }
        var request = scenario.request();
        request.put("capacityProvider", Map.of("subnetIds", network.privateSubnetIds(),
                "securityGroupIds", List.of(network.securityGroupId())));
        // Ready well within the local deployment's 30 s CapacityProviderTimeout, so that without the abort check the
        // workflow would go on to create the function and shift traffic, not fail on a provider that never got ready.
        controlPlane.localAws().settings(Map.of("capacity_provider_ready_seconds", 20));
        try {
            String id = scenario.migrate(request);
            scenario.await(id, op -> op.fact("capacityProvider", JsonNode.class)
                    .map(cp -> "Pending".equals(cp.path("state").asText())).orElse(false));

            scenario.client.abort(id, "wrong subnets", "erin");

            Operation aborted = scenario.awaitEnd(id);
            assertThat(aborted.status()).as(aborted.outcome().toString()).isEqualTo(OperationStatus.ABORTED);
            assertThat(aborted.outcome().orElseThrow().message()).contains("aborted by erin: wrong subnets");
            assertThat(scenario.executionEnd(id)).isEqualTo("FAILED Aborted");
            assertThat(aborted.trafficPercent().orElse(0)).isZero();
            assertThat(steps(id)).doesNotContain("CreateLmiFunction", "Shift", "Gate", "Bake");
            assertThat(aborted.created()).as("the provider it created was deleted").isEmpty();
            assertThat(AccountSnapshot.of(scenario, workload)).isEqualTo(before);
            assertThat(scenario.client.lock(scenario.function)).isEmpty();
        } finally {
            controlPlane.localAws().settings(Map.of("capacity_provider_ready_seconds", DEFAULT_CAPACITY_PROVIDER_READY_SECONDS));
        }
    }

    /**
     * Step Functions retries the start step after a timed-out sandbox or a Lambda service error, even when the first
     * attempt had started the migration: that execution must carry on with it, not end as a duplicate of itself.
     */
    @Test
    void theStartStepRunTwiceByOneExecutionStartsTheSameMigrationBothTimes() {
        scenario.workload().withQueueAndApi(scenario.function);
        var detail = scenario.request();
        detail.put("requestId", "retry-" + scenario.function);
        detail.put("dryRun", true);

        var attempts = scenario.startTwiceThenFromAnotherExecution("StartMigrationFunction",
                DetailTypes.MIGRATION_REQUESTED, detail);

        String id = attempts.first().path("operationId").asText();
        assertThat(attempts.first().path("outcome").asText()).isEqualTo("STARTED");
        assertThat(attempts.retried().path("outcome").asText()).as(attempts.retried().toString()).isEqualTo("STARTED");
        assertThat(attempts.retried().path("operationId").asText()).isEqualTo(id);
        assertThat(attempts.otherExecution().path("outcome").asText()).as("a redelivery in another execution joins")
                .isEqualTo("JOINED");
        assertThat(scenario.client.history(scenario.function)).extracting(Operation::id).containsExactly(id);
        scenario.endWithoutExecution(id);
    }

    /**
     * The start step dies right after the ledger's start transaction (a sandbox timeout, say) and Step Functions runs
     * it again: the record already names this execution, so the retry carries on with the migration, records what
     * the first attempt could not, and leaves nothing locked that no workflow runs.
     */
    @Test
    void aStartStepThatDiedRightAfterTheStartIsCarriedOnByItsRetry() {
        var detail = scenario.request();
        detail.put("requestId", "died-" + scenario.function);
        detail.put("dryRun", true);
        detail.put("steps", List.of(10, 50, 100));
        detail.put("lmiFunctionName", scenario.function + "-lmi");
        String execution = MigrationScenario.executionArn("StartMigrationFunction");
        // What the first attempt left: the started record (as that step writes it) and no Accepted step.
        Operation started = Operation.start(OperationKind.MIGRATION, scenario.function, "died-" + scenario.function,
                detail, true, Instant.now());
        started.alsoLock(scenario.function + "-lmi");
        started.attachExecution(execution, Instant.now());
        assertThat(scenario.client.ledger().start(started, scenario.function + "-lmi")).isInstanceOf(StartResult.Started.class);

        JsonNode retried = scenario.start("StartMigrationFunction", DetailTypes.MIGRATION_REQUESTED, detail, execution);
        JsonNode again = scenario.start("StartMigrationFunction", DetailTypes.MIGRATION_REQUESTED, detail, execution);

        assertThat(retried.path("outcome").asText()).as(retried.toString()).isEqualTo("STARTED");
        assertThat(retried.path("operationId").asText()).isEqualTo(started.id());
        assertThat(again.path("outcome").asText()).isEqualTo("STARTED");
        assertThat(steps(started.id())).as("recorded once, by the first retry").containsOnlyOnce("Accepted");
        assertThat(scenario.client.operation(started.id()).orElseThrow().status()).isEqualTo(OperationStatus.RUNNING);
        scenario.endWithoutExecution(started.id());
        assertThat(scenario.client.lock(scenario.function)).isEmpty();
        assertThat(scenario.client.lock(scenario.function + "-lmi")).as("the copy's name is freed too").isEmpty();
    }
}

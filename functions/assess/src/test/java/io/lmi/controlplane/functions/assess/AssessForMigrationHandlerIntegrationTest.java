package io.lmi.controlplane.functions.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lmi.controlplane.aws.ledger.Ledger;
import io.lmi.controlplane.core.assess.AssessmentFact;
import io.lmi.controlplane.core.assess.Finding;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.migration.MigrationRequest;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationKind;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.core.operation.StepEntry;
import io.lmi.controlplane.core.recommend.LmiConfiguration;
import io.lmi.controlplane.local.AwsTarget;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The migration's Assess step against the local AWS: the fact, the timeline, and whether the migration goes on. */
@ExtendWith(LocalAwsExtension.class)
class AssessForMigrationHandlerIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SeededAccount account;
    private final ControlPlaneFixture fixture;
    private final Ledger ledger;
    private final AssessForMigrationHandler handler;

    AssessForMigrationHandlerIntegrationTest(AwsTarget target) {
        account = SeededAccount.of(target);
        fixture = new ControlPlaneFixture(account);
        ledger = fixture.controlPlane.ledger();
        handler = new AssessForMigrationHandler(fixture.controlPlane);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private String migration(String function, boolean force, boolean allowRuntimeUpgrade, Integer min, Integer max) {
        MigrationRequest request = new MigrationRequest(function, "req-" + UUID.randomUUID(), null, null, null, force,
                null, allowRuntimeUpgrade, null, null, null, min, max, null, null, "platform-team");
        Operation operation = Operation.start(OperationKind.MIGRATION, function, request.requestId(), request, false,
                account.now);
        assertThat(ledger.start(operation)).isInstanceOf(io.lmi.controlplane.aws.ledger.StartResult.Started.class);
        return operation.id();
    }

    private JsonNode invoke(String operationId) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(("{\"operationId\": \"" + operationId + "\"}")
                .getBytes(StandardCharsets.UTF_8)), out, io.lmi.controlplane.local.host.LocalContext.forFunction("assess-for-migration"));
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRecommendedFunctionProceedsWithTheConfigurationAndTheRequestsScaling() throws Exception {
        String id = migration(account.steady, false, false, 5, 400);

        JsonNode output = invoke(id);

        assertThat(output.get("proceed").asBoolean()).isTrue();
        assertThat(output.get("finding").asText()).isEqualTo("RECOMMEND_LMI");
        assertThat(output.get("reasonCodes")).extracting(JsonNode::asText).contains("LMI_CHEAPER");
        Operation operation = ledger.load(id);
        assertThat(operation.status()).isEqualTo(OperationStatus.RUNNING);
        assertThat(operation.currentStep()).isEqualTo(AssessForMigrationHandler.STEP);
        AssessmentFact fact = operation.requireFact(AssessmentFact.FACT, AssessmentFact.class);
        assertThat(fact.proceed()).isTrue();
        assertThat(fact.assessmentId()).isEqualTo("asm-" + id);
        // What the plan step reads: the fact's configuration, as JSON, into LmiConfiguration.
        JsonNode document = operation.requireFact(AssessmentFact.FACT, JsonNode.class);
        LmiConfiguration configuration = Json.convert(document.get("configuration"), LmiConfiguration.class,
                "assessment.configuration");
        assertThat(configuration).isEqualTo(fact.configuration());
        assertThat(configuration.scaling()).isEqualTo(new LmiConfiguration.Scaling(5, 400));
        assertThat(configuration.capacityProvider().maxVCpuCount()).isGreaterThanOrEqualTo(400 / 3);
        assertThat(configuration.function().memoryMb()).isGreaterThanOrEqualTo(2048);
        // The document keeps what was recommended before the request's override, and the cost report.
        assertThat(document.at("/recommendation/configuration/scaling/maxExecutionEnvironments").asInt())
                .isNotEqualTo(400);
        assertThat(document.at("/cost/lmi/onDemand/monthlyUsd").isNumber()).isTrue();
        assertThat(document.at("/costSummary/lambdaOnDemandMonthlyUsd").isNumber()).isTrue();
        assertThat(document.toString().length()).as("the fact must fit a DynamoDB item with the rest of the record")
                .isLessThan(150_000);
        assertThat(ledger.document(Assessments.KIND, "asm-" + id)).isPresent();
        assertThat(ledger.timeline(id)).extracting(StepEntry::step).contains(AssessForMigrationHandler.STEP);
        JsonNode event = fixture.awaitEvent("MigrationStepChanged", e -> e.at("/detail/operationId").asText().equals(id));
        assertThat(event.at("/detail/step").asText()).isEqualTo("Assess");
        assertThat(event.at("/detail/details/finding").asText()).isEqualTo("RECOMMEND_LMI");
        assertThat(event.at("/detail/details/configuration/scaling/minExecutionEnvironments").asInt()).isEqualTo(5);
    }

    @Test
    void aFunctionThatShouldStayEndsTheMigrationAndSaysHowToForceIt() throws Exception {
        String id = migration(account.idle, false, false, null, null);

        JsonNode output = invoke(id);

        assertThat(output.get("proceed").asBoolean()).isFalse();
        assertThat(output.get("finding").asText()).isEqualTo("STAY_ON_LAMBDA");
        Operation operation = ledger.load(id);
        assertThat(operation.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(operation.outcome()).hasValueSatisfying(outcome -> {
            assertThat(outcome.code()).isEqualTo(AssessForMigrationHandler.NOT_RECOMMENDED);
            assertThat(outcome.message()).contains("STAY_ON_LAMBDA").contains("LONG_IDLE_PERIODS")
                    .contains("Use force to migrate anyway");
            assertThat(outcome.details().get("assessmentId").asText()).isEqualTo("asm-" + id);
        });
        assertThat(ledger.lock(account.idle)).isEmpty();
        fixture.awaitEvent("MigrationFailed", e -> e.at("/detail/operationId").asText().equals(id));

        // A retry of the step after it ended the operation answers the same and changes nothing.
        int entries = ledger.timeline(id).size();
        assertThat(invoke(id)).isEqualTo(output);
        assertThat(ledger.timeline(id)).hasSize(entries);
    }

    @Test
    void forceMovesAFunctionThatShouldStay() throws Exception {
        String id = migration(account.idle, true, false, null, null);

        JsonNode output = invoke(id);

        assertThat(output.get("proceed").asBoolean()).isTrue();
        assertThat(output.get("finding").asText()).isEqualTo("STAY_ON_LAMBDA");
        Operation operation = ledger.load(id);
        assertThat(operation.status()).isEqualTo(OperationStatus.RUNNING);
        AssessmentFact fact = operation.requireFact(AssessmentFact.FACT, AssessmentFact.class);
        assertThat(fact.forced()).isTrue();
        assertThat(fact.message()).startsWith("forced despite the assessment");
        assertThat(fact.configuration().scaling().minExecutionEnvironments()).isEqualTo(3);
    }

    @Test
    void forceMovesAFunctionWithoutAnyMetricsOnTheProductionFloor() throws Exception {
        String id = migration(account.silent, true, false, null, null);

        JsonNode output = invoke(id);

        assertThat(output.get("proceed").asBoolean()).isTrue();
        assertThat(output.get("finding").asText()).isEqualTo("INSUFFICIENT_DATA");
        AssessmentFact fact = ledger.load(id).requireFact(AssessmentFact.FACT, AssessmentFact.class);
        assertThat(fact.configuration().scaling()).isEqualTo(new LmiConfiguration.Scaling(3, null));
        assertThat(fact.configuration().capacityProvider().maxVCpuCount()).isEqualTo(400);
    }

    @Test
    void forceCannotMoveARuntimeWithoutItsUpgradeButTheUpgradeCan() throws Exception {
        String refused = migration(account.unsupported, true, false, null, null);
        JsonNode refusedOutput = invoke(refused);
        // The refusal ended the first migration and released the function, so a second one can start.
        String upgraded = migration(account.unsupported, false, true, null, null);
        JsonNode upgradedOutput = invoke(upgraded);

        assertThat(refusedOutput.get("proceed").asBoolean()).isFalse();
        assertThat(refusedOutput.get("finding").asText()).isEqualTo("NOT_ELIGIBLE");
        assertThat(ledger.load(refused).outcome()).hasValueSatisfying(outcome -> assertThat(outcome.message())
                .contains("cannot migrate even with force").contains("allowRuntimeUpgrade"));
        assertThat(ledger.load(refused).requireFact(AssessmentFact.FACT, AssessmentFact.class).configuration()).isNull();

        assertThat(upgradedOutput.get("proceed").asBoolean()).isTrue();
        assertThat(upgradedOutput.get("finding").asText()).isEqualTo(Finding.RECOMMEND_LMI.name());
        assertThat(ledger.load(upgraded).requireFact(AssessmentFact.FACT, AssessmentFact.class).configuration()
                .function().runtime()).isEqualTo("python3.13");
    }

    @Test
    void aFunctionDeletedSinceTheStartIsAnErrorForTheStateMachineToCleanUp() {
        String id = migration("deleted-meanwhile-" + UUID.randomUUID().toString().substring(0, 6), false, false,
                null, null);

        assertThatThrownBy(() -> invoke(id)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no longer exists");
        assertThat(ledger.load(id).status()).isEqualTo(OperationStatus.RUNNING);
    }
}

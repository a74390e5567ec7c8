package io.lmi.controlplane.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.cli.local.LocalControlPlane;
import io.lmi.controlplane.core.events.DetailTypes;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Every bad MigrationRequested input ends with a clear error (the field and the fix) in the ledger and in a
 * MigrationFailed event, and with no change to the account.
 */
@ExtendWith(ControlPlaneExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrationRefusalsTest {

    private final LocalControlPlane controlPlane;
    private MigrationScenario scenario;
    private Ec2Client ec2;
    private String standard;
    private String lmi;

    MigrationRefusalsTest(LocalControlPlane controlPlane) {
        this.controlPlane = controlPlane;
    }

    @BeforeAll
    void seedFunctions() {
        scenario = new MigrationScenario(controlPlane);
        ec2 = scenario.clients.configure(Ec2Client.builder()).build();
        standard = "std-" + UUID.randomUUID().toString().substring(0, 8);
        scenario.workload().function(standard, "python3.13", 1024);
        lmi = new LmiFunctionFixture(scenario.lambda, ec2, scenario.iam).create("lmi-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @AfterAll
    void close() {
        ec2.close();
        scenario.close();
    }

    record Case(String name, Map<String, Object> detail, String field, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    List<Case> cases() {
        return List.of(
                new Case("missing function", Map.of("requestedBy", "e2e"), "functionName", "functionName: is missing"),
                new Case("unknown function", Map.of("functionName", "no-such-function-4711"), "functionName",
                        "functionName: no function no-such-function-4711 in us-east-1"),
                new Case("function already on LMI", Map.of("functionName", lmi), "functionName", lmi + " already runs on LMI"),
                new Case("bad steps", Map.of("functionName", standard, "steps", List.of(50, 10)), "steps[1]",
                        "steps[1]: 10 does not increase on 50"),
                new Case("bad bake time", Map.of("functionName", standard, "bake", "soon"), "bake", "bake: 'soon' is not a duration"),
                new Case("unsupported region", Map.of("functionName", standard, "region", "il-central-1"), "region",
                        "region: 'il-central-1' is not this control plane's region us-east-1"),
                new Case("unknown field", Map.of("functionName", standard, "stpes", List.of(10, 100)), "stpes",
                        "stpes: is not a known field"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void aBadRequestIsRefusedWithItsFieldAndFixAndChangesNothing(Case c) throws Exception {
        List<String> functionsBefore = functions();
        int providersBefore = scenario.lambda.listCapacityProvidersPaginator(r -> { }).capacityProviders().stream().toList().size();
        Map<String, Object> detail = new LinkedHashMap<>(c.detail());
        String requestId = "refusal-" + UUID.randomUUID();
        detail.put("requestId", requestId);
        scenario.client.request(DetailTypes.MIGRATION_REQUESTED, detail);

        Operation refused = scenario.client.await(scenario.client.awaitOperation(requestId, Duration.ofSeconds(60)),
                op -> op.status().isTerminal(), Duration.ofSeconds(30));

        assertThat(refused.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(refused.outcome().orElseThrow().code()).isEqualTo("INVALID_REQUEST");
        assertThat(refused.outcome().orElseThrow().message()).contains(c.expected());
        assertThat(refused.outcome().orElseThrow().details().toString()).contains("\"field\":\"" + c.field() + "\"")
                .contains("\"fix\"");
        var event = scenario.events.await(e -> refused.id().equals(e.path("detail").path("operationId").asText()),
                Duration.ofSeconds(20));
        assertThat(event.path("detail-type").asText()).isEqualTo(DetailTypes.MIGRATION_FAILED);
        assertThat(event.path("detail").path("outcomeCode").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(functions()).isEqualTo(functionsBefore);
        assertThat(scenario.lambda.listCapacityProvidersPaginator(r -> { }).capacityProviders().stream().toList())
                .hasSize(providersBefore);
        assertThat(scenario.client.lock(standard)).isEmpty();
    }

    private List<String> functions() {
        return scenario.lambda.listFunctionsPaginator(r -> { }).functions().stream().map(f -> f.functionName()).sorted().toList();
    }
}

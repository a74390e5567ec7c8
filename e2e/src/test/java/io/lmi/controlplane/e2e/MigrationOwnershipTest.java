package io.lmi.controlplane.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.aws.lambda.CapacityProviders;
import io.lmi.controlplane.cli.local.LocalControlPlane;
import io.lmi.controlplane.cli.local.seed.Network;
import io.lmi.controlplane.core.migration.CapacityProviderSettings;
import io.lmi.controlplane.core.migration.MigrationPlan;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.core.recommend.LmiConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A migration's rollback deletes only what the migration created: a function or capacity provider of the name it
 * wanted, made by someone else (the team, another migration), fails the migration with a clear message and stays.
 */
@ExtendWith(ControlPlaneExtension.class)
class MigrationOwnershipTest {
    /** Local default (local/moto/lmi_local/settings.py), restored after a test widens the window. */
    private static final double DEFAULT_READY_SECONDS = 0.5;
    /** Long enough for the test to create a function while the migration waits for its capacity provider. */
    private static final double SLOW_READY_SECONDS = 5;

    private final LocalControlPlane controlPlane;
    private MigrationScenario scenario;
    private Ec2Client ec2;

    MigrationOwnershipTest(LocalControlPlane controlPlane) {
        this.controlPlane = controlPlane;
    }

    @BeforeEach
    void open() {
        scenario = new MigrationScenario(controlPlane);
        ec2 = scenario.clients.configure(Ec2Client.builder()).build();
    }

    @AfterEach
    void close() {
        ec2.close();
        scenario.close();
    }

    @Test
    void aFunctionNamedLikeTheCopyMadeBySomeoneElseMidMigrationFailsItAndIsNotDeleted() throws Exception {
        scenario.workload().withQueueAndApi(scenario.function);
        String copy = scenario.function + "-lmi";
        var request = scenario.request();
        request.put("capacityProvider", Map.of("subnetIds", new Network(ec2).privateWithNat("10.47").privateSubnetIds()));
        String id;
        controlPlane.localAws().settings(Map.of("capacity_provider_ready_seconds", SLOW_READY_SECONDS));
        try {
            id = scenario.migrate(request);
            scenario.await(id, op -> op.created().stream().anyMatch(r -> r.type().equals("CAPACITY_PROVIDER")));
        } finally {
            controlPlane.localAws().settings(Map.of("capacity_provider_ready_seconds", DEFAULT_READY_SECONDS));
        }
        String role = scenario.lambda.getFunctionConfiguration(r -> r.functionName(scenario.function)).role();
        byte[] code = zip();
        scenario.lambda.createFunction(r -> r.functionName(copy).runtime("python3.13").role(role).handler("app.handler")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(code))).tags(Map.of("team", "payments")));

        Operation ended = scenario.awaitEnd(id);

        assertThat(ended.status()).as(ended.outcome().toString()).isEqualTo(OperationStatus.FAILED);
        assertThat(ended.outcome().orElseThrow().message()).contains("function " + copy
                + " already exists and was not created by " + id).contains("choose another lmiFunctionName");
        assertThat(scenario.lambda.getFunction(r -> r.functionName(copy)).tags())
                .as("the team's function is still there").containsEntry("team", "payments");
        assertThat(ended.created()).as("what the migration did create (its capacity provider) was removed").isEmpty();
        assertThat(scenario.client.lock(scenario.function)).isEmpty();
        assertThat(scenario.client.lock(copy)).isEmpty();
    }

    @Test
    void aCapacityProviderAnotherOperationCreatedIsNotDeletedByThisOnesRollback() throws Exception {
        scenario.workload().withQueueAndApi(scenario.function);
        var request = scenario.request();
        request.put("capacityProvider", Map.of("subnetIds", new Network(ec2).privateWithNat("10.48").privateSubnetIds()));
        var dryRun = new java.util.LinkedHashMap<>(request);
        dryRun.put("dryRun", true);
        MigrationPlan.CapacityProviderChoice planned = scenario.awaitEnd(scenario.migrate(dryRun))
                .requireFact("plan", MigrationPlan.class).capacityProvider();
        String name = CapacityProviders.nameFor(planned.settings(), planned.configuration());
        // Another operation's provider under the name this migration would give its own, on another network.
        var elsewhere = new CapacityProviderSettings(null, new Network(ec2).privateWithNat("10.49").privateSubnetIds(),
                List.of(), planned.settings().operatorRoleArn());
        var providers = new CapacityProviders(scenario.lambda);
        providers.create(name, elsewhere, planned.configuration(), "mig-someone-else", Map.of());

        String id = scenario.migrate(request);
        Operation ended = scenario.awaitEnd(id);

        assertThat(ended.status()).as(ended.outcome().toString()).isEqualTo(OperationStatus.FAILED);
        assertThat(ended.outcome().orElseThrow().message()).contains("capacity provider " + name
                + " already exists and was not created by " + id + " (tagged lmi:operation=mig-someone-else)")
                .contains("name another capacityProvider.name");
        var kept = providers.find(name);
        assertThat(kept).as("the other operation's provider is not deleted").isPresent();
        assertThat(kept.get().state()).isNotEqualTo("Deleting");
        assertThat(providers.creator(kept.get())).isEqualTo("mig-someone-else");
        assertThat(ended.created()).isEmpty();
        providers.delete(name);
    }

    /**
     * Functions on one capacity provider share its instances and its MaxVCpuCount: an Active provider on the planned
     * network that could not carry this function's peak is passed over (the plan creates one of its own, under a name
     * that cannot clash with it), and one with room is reused.
     */
    @Test
    void aSharedProviderTooSmallForTheFunctionIsPassedOverAndOneWithRoomIsReused() throws Exception {
        scenario.workload().withQueueAndApi(scenario.function);
        var request = scenario.request();
        request.put("dryRun", true);
        request.put("capacityProvider", Map.of("subnetIds", new Network(ec2).privateWithNat("10.51").privateSubnetIds()));
        MigrationPlan.CapacityProviderChoice first = plannedProvider(request);
        assertThat(first.reuse()).as("nothing on this network yet").isFalse();
        var needed = first.configuration();
        assertThat(needed.maxVCpuCount()).as("the recommendation's ceiling leaves room below it").isGreaterThan(1);
        var providers = new CapacityProviders(scenario.lambda);
        String small = "team-small-" + scenario.function;
        String roomy = "team-roomy-" + scenario.function;
        try {
            providers.create(small, first.settings(), new LmiConfiguration.CapacityProvider(needed.architecture(),
                    List.of(), needed.maxVCpuCount() - 1, null), "team", Map.of());
            awaitActive(providers, small);

            MigrationPlan.CapacityProviderChoice passedOver = plannedProvider(request);
            assertThat(passedOver.reuse()).as("too small to share").isFalse();
            assertThat(passedOver.name()).isNotEqualTo(small).isEqualTo(first.name());

            providers.create(roomy, first.settings(), new LmiConfiguration.CapacityProvider(needed.architecture(),
                    List.of(), needed.maxVCpuCount() * 2, null), "team", Map.of());
            awaitActive(providers, roomy);

            MigrationPlan.CapacityProviderChoice reused = plannedProvider(request);
            assertThat(reused.reuse()).isTrue();
            assertThat(reused.name()).isEqualTo(roomy);
        } finally {
            providers.delete(small);
            providers.delete(roomy);
        }
    }

    private MigrationPlan.CapacityProviderChoice plannedProvider(Map<String, Object> dryRun) throws InterruptedException {
        Operation planned = scenario.awaitEnd(scenario.migrate(new java.util.LinkedHashMap<>(dryRun)));
        assertThat(planned.status()).as(planned.outcome().toString()).isEqualTo(OperationStatus.COMPLETED);
        return planned.requireFact("plan", MigrationPlan.class).capacityProvider();
    }

    private static void awaitActive(CapacityProviders providers, String name) throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
        while (java.time.Instant.now().isBefore(deadline)) {
            if (providers.find(name).map(CapacityProviders.View::isActive).orElse(false)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " did not become Active");
    }

    private static byte[] zip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("app.py"));
            zip.write("def handler(event, context):\n    return event\n".getBytes());
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}

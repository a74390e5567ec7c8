package io.lmi.controlplane.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.aws.lambda.CapacityProviders;
import io.lmi.controlplane.cli.local.LocalControlPlane;
import io.lmi.controlplane.cli.local.seed.Network;
import io.lmi.controlplane.core.migration.CapacityProviderSettings;
import io.lmi.controlplane.core.migration.MigrationPlan;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationStatus;
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
        String name = CapacityProviders.nameFor(planned.settings(), planned.configuration().architecture());
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

package io.lmi.controlplane.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.cli.local.LocalControlPlane;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operation commands as a person types them, against the deployed control plane: migrate (a dry run, which
 * waits and prints its plan), status FUNCTION, and the control verbs' refusals, which must change nothing.
 */
@ExtendWith(ControlPlaneExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationCommandsTest {
    private static final Pattern MIGRATION_ID = Pattern.compile("mig-[0-9a-f-]{36}");

    private final LocalControlPlane controlPlane;
    private MigrationScenario scenario;

    OperationCommandsTest(LocalControlPlane controlPlane) {
        this.controlPlane = controlPlane;
    }

    @BeforeAll
    void seed() {
        scenario = new MigrationScenario(controlPlane);
        scenario.workload().withQueueAndApi(scenario.function);
    }

    @AfterAll
    void close() {
        scenario.close();
    }

    private Cli.Run lmi(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint", controlPlane.localAws().endpoint().toString()));
        return Cli.lmi(all.toArray(String[]::new));
    }

    private List<String> migrationsOf(String function) {
        Cli.Run status = lmi("status", function);
        assertThat(status.exitCode()).as(status.err()).isZero();
        List<String> ids = new ArrayList<>();
        Matcher id = MIGRATION_ID.matcher(status.out());
        while (id.find()) {
            ids.add(id.group());
        }
        return ids;
    }

    @Test
    void aDryRunMigrationPrintsItsPlanAndStatusListsItThenTheVerbsRefuseAnEndedOne() {
        Cli.Run dryRun = lmi("migrate", scenario.function, "--dry-run", "--force");

        assertThat(dryRun.exitCode()).as(dryRun.out() + dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("planned changes (none made):")
                .contains("create function " + scenario.function + "-lmi");
        Matcher id = MIGRATION_ID.matcher(dryRun.out());
        assertThat(id.find()).as(dryRun.out()).isTrue();
        String migration = id.group();
        assertThat(migrationsOf(scenario.function)).contains(migration);

        Cli.Run abort = lmi("abort", migration, "--reason", "too late");
        assertThat(abort.exitCode()).isEqualTo(1);
        assertThat(abort.err()).contains(migration + " has already ended COMPLETED");
    }

    @Test
    void badArgumentsExitTwoNamingTheFixAndSendNothing() {
        List<String> before = migrationsOf(scenario.function);

        Cli.Run steps = lmi("migrate", scenario.function, "--steps", "50,10");
        Cli.Run bake = lmi("migrate", scenario.function, "--bake", "soon");
        Cli.Run approve = lmi("approve", "not-an-operation");

        assertThat(steps.exitCode()).isEqualTo(2);
        assertThat(steps.err()).contains("--steps");
        assertThat(bake.exitCode()).isEqualTo(2);
        assertThat(bake.err()).contains("--bake").contains("write it like 90s, 15m or 1h30m");
        assertThat(approve.exitCode()).isEqualTo(2);
        assertThat(approve.err()).contains("ID must be a migration or rollout id");
        assertThat(migrationsOf(scenario.function)).isEqualTo(before);
    }
}

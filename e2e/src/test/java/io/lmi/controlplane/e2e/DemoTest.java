package io.lmi.controlplane.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ./lmi demo}, the main job run locally, exactly as the README's first command runs it: its own local AWS,
 * the seeded account, the control plane deployed from template.yaml, and the migration driven by an event on its
 * bus. The demo's workload must be one the assessment recommends moving, or the default scenario cannot complete.
 */
class DemoTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDefaultScenarioMovesEveryTriggerOntoTheLmiCopyAndCompletes() {
        Cli.Run run = Cli.lmi("demo", "--bake", "5s");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("Assess             RECOMMEND_LMI")
                .contains("step 3/3 (100%): PASS")
                .contains("Result: MIGRATION COMPLETED")
                .doesNotContain("(expected ");
        // Both triggers were seeded on the original; afterwards the REST API and the enabled SQS mapping point at
        // the copy's alias, and the original's own mapping is kept disabled (so a later rollback is instant).
        assertThat(run.out()).containsPattern("rest api \\S+/prod: \\{.*ANY /orders=\\S+function:orders-api-lmi:live/")
                .containsPattern("sqs mapping \\S+: \\{(?=.*state=Enabled)(?=.*function=\\S+function:orders-api-lmi:live\\b).*}")
                .containsPattern("sqs mapping \\S+: \\{(?=.*state=Disabled)(?=.*function=\\S+function:orders-api,).*}");
    }

    @Test
    void theAlarmScenarioRollsBackAndPrintsTheFinalRecordAsJson() throws Exception {
        Cli.Run run = Cli.lmi("demo", "--scenario", "alarm", "--bake", "5s", "--output", "json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode record = JSON.readTree(run.out());
        assertThat(record.path("status").asText()).isEqualTo("ROLLED_BACK");
        List<String> steps = new ArrayList<>();
        record.path("timeline").forEach(entry -> steps.add(entry.path("step").asText() + " " + entry.path("message").asText()));
        assertThat(steps).anyMatch(step -> step.startsWith("Gate") && step.contains("10%") && step.contains("PASS"))
                .anyMatch(step -> step.startsWith("Gate") && step.contains("ALARM"));
        // Progress goes to stderr in JSON mode, so stdout is exactly the record.
        assertThat(run.err()).contains("Seeding orders-api").contains("Putting MigrationRequested");
    }
}

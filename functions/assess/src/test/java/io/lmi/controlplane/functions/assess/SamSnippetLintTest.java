package io.lmi.controlplane.functions.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.lmi.controlplane.core.assess.Assessment;
import io.lmi.controlplane.core.assess.AssessmentInput;
import io.lmi.controlplane.core.assess.AssessmentOptions;
import io.lmi.controlplane.core.assess.Assessor;
import io.lmi.controlplane.core.assess.MetricsHistory;
import io.lmi.controlplane.core.cost.PriceBook;
import io.lmi.controlplane.core.cost.WorkloadProfile;
import io.lmi.controlplane.core.function.FunctionSnapshot;
import io.lmi.controlplane.local.LocalAws;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SAM template an assessment recommends passes cfn-lint, which also runs the SAM translator over it (the same
 * check template.yaml gets): the capacity provider and the function properties are ones SAM and CloudFormation accept.
 */
class SamSnippetLintTest {
    private static final Instant END = Instant.parse("2026-11-23T00:00:00Z");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1} in VPC {2}")
    @CsvSource({"python3.13, balanced, false", "java21, cpu, true", "nodejs22.x, io, false"})
    void theRecommendedTemplatePassesCfnLint(String runtime, String workload, boolean inVpc) throws Exception {
        Assessment assessment = Assessor.withDefaults(PriceBook.bundled()).assess(new AssessmentInput("asm-lint", END,
                "us-east-1", function(runtime, inVpc), List.of(), steadyHistory(), AssessmentOptions.defaults()
                        .withWorkload(WorkloadProfile.parse(workload)), "orders-api-lmi"));
        assertThat(assessment.samSnippet()).isNotNull();
        if (workload.equals("cpu")) {
            assertThat(assessment.samSnippet()).contains("AverageCPUUtilization: 50.0");
        }
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, assessment.samSnippet());

        String python = System.getProperty(LocalAws.PYTHON_PROPERTY, "python3");
        Process lint = new ProcessBuilder(python, "-c",
                "import sys; sys.argv = ['cfn-lint'] + sys.argv[1:]; from cfnlint.runner import main; sys.exit(main())",
                template.toString()).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!lint.waitFor(120, TimeUnit.SECONDS)) {
            lint.destroyForcibly();
            fail("cfn-lint did not finish in 120 s");
        }
        if (output.contains("No module named 'cfnlint")) {
            fail("cfn-lint is not installed: pip install cfn-lint aws-sam-translator");
        }
        assertThat(output).as("cfn-lint on\n" + assessment.samSnippet()).isEmpty();
        assertThat(lint.exitValue()).isZero();
    }

    private static FunctionSnapshot function(String runtime, boolean inVpc) {
        return new FunctionSnapshot("orders-api", "arn:aws:lambda:us-east-1:123456789012:function:orders-api", runtime,
                "app.handler", "Zip", null, 1024, 30, 512, "x86_64", "arn:aws:iam::123456789012:role/orders-api",
                Map.of(), List.of(new FunctionSnapshot.Layer(
                        "arn:aws:lambda:us-east-1:123456789012:layer:utils:3", List.of("x86_64", "arm64"))),
                inVpc, inVpc ? List.of("subnet-0a1b2c3d", "subnet-0e4f5a6b") : List.of(), null, 0, null, null,
                "JSON", null, null, null, null, null, Map.of(), null, List.of(), null);
    }

    /** Two weeks at 100 requests a second, 400 ms each. */
    private static MetricsHistory steadyHistory() {
        Instant start = END.minusSeconds(14 * 86_400L);
        List<MetricsHistory.Point> points = new ArrayList<>();
        for (int i = 0; i < 14 * 1440; i++) {
            points.add(new MetricsHistory.Point(start.plusSeconds(i * 60L), 6000, 0, 0, 400.0, 600.0, 48.0));
        }
        return new MetricsHistory(start, END, 60, points, 600.0);
    }
}

package io.lmi.controlplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.local.AwsTarget;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** {@code lmi assess} against the local AWS: a week of steady traffic on a seeded function, read-only. */
@ExtendWith(LocalAwsExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssessCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsTarget target;
    private final String function = "orders-cli-" + UUID.randomUUID().toString().substring(0, 6);
    @TempDir
    Path pricesDir;

    AssessCommandTest(AwsTarget target) {
        this.target = target;
    }

    record Run(int exitCode, String out, String err) {}

    private Run run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new AssessCommand(pricesDir, environment));
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Run run(String... args) {
        return run(Map.of(), args);
    }

    private String endpoint() {
        return target.endpoint().toString();
    }

    /** A Python 3.13 function with a week of about 100 requests a second at 400 ms. */
    @BeforeAll
    void seed() {
        try (AwsClients clients = AwsClients.of(target.region(), target.credentials(), target.endpoint());
             IamClient iam = clients.configure(IamClient.builder()).build();
             LambdaClient lambda = clients.configure(LambdaClient.builder()).build();
             CloudWatchClient cloudWatch = clients.configure(CloudWatchClient.builder()).build()) {
            String role = iam.createRole(r -> r.roleName(function + "-role").assumeRolePolicyDocument("{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                    + "\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
            lambda.createFunction(r -> r.functionName(function).runtime(Runtime.PYTHON3_13).role(role)
                    .handler("app.handler").memorySize(1024).timeout(30)
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(zip()))));
            Dimension dimension = Dimension.builder().name("FunctionName").value(function).build();
            Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(7, ChronoUnit.DAYS);
            List<MetricDatum> batch = new ArrayList<>();
            for (int i = 0; i < 7 * 1440; i++) {
                Instant at = start.plusSeconds(i * 60L);
                double invocations = 6000 * (0.85 + 0.15 * Math.sin(2 * Math.PI * (i % 1440) / 1440.0));
                batch.add(MetricDatum.builder().metricName("Invocations").dimensions(dimension).timestamp(at)
                        .value(Math.rint(invocations)).build());
                batch.add(MetricDatum.builder().metricName("Duration").dimensions(dimension).timestamp(at)
                        .values(200.0, 600.0).build());
                batch.add(MetricDatum.builder().metricName("ConcurrentExecutions").dimensions(dimension).timestamp(at)
                        .value(Math.ceil(invocations / 60 * 0.4 * 1.2)).build());
                if (batch.size() >= 999) {
                    List<MetricDatum> data = List.copyOf(batch);
                    cloudWatch.putMetricData(r -> r.namespace("AWS/Lambda").metricData(data));
                    batch.clear();
                }
            }
            List<MetricDatum> rest = List.copyOf(batch);
            cloudWatch.putMetricData(r -> r.namespace("AWS/Lambda").metricData(rest));
        }
    }

    @Test
    void tableShowsTheVerdictTheFourCostColumnsAndTheConfiguration() {
        Run r = run(function, "--days", "7", "--endpoint", endpoint(), "--workload", "balanced");

        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .contains(function + " (python3.13, 1024 MB, x86_64) in us-east-1: 7 days of CloudWatch history")
                .contains("Verdict: RECOMMEND_LMI")
                .contains("Reasons: LMI_CHEAPER, STEADY_TRAFFIC, HIGH_VOLUME")
                .contains("Lambda on demand").contains("Lambda + Savings Plan (12%)").contains("LMI on demand")
                .contains("LMI + 3yr Savings Plan (65%)")
                .containsPattern("Management fee\\s+-\\s+-\\s+[0-9,]+\\.\\d\\d\\s+[0-9,]+\\.\\d\\d")
                .contains("Savings vs Lambda")
                .contains("CODE_REVIEW_REQUIRED")
                .contains("capacity provider: arm64")
                .contains("MinExecutionEnvironments");
    }

    @Test
    void jsonIsTheAssessmentDocument() throws Exception {
        Run r = run(function, "--days", "7", "--endpoint", endpoint(), "--output", "json");

        assertThat(r.exitCode()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.at("/schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.at("/function/name").asText()).isEqualTo(function);
        assertThat(json.at("/verdict/finding").asText()).isEqualTo("RECOMMEND_LMI");
        assertThat(json.at("/options/windowDays").asInt()).isEqualTo(7);
        assertThat(json.at("/options/workloadAssumed").asBoolean()).isTrue();
        assertThat(json.at("/recommendation/configuration/function/memoryMb").asInt()).isGreaterThanOrEqualTo(2048);
        assertThat(json.at("/samSnippet").asText()).contains("AWS::Serverless::Function");
    }

    @Test
    void markdownIsAReportWithTheSeedsCostTable() {
        Run r = run(function, "--days", "7", "--endpoint", endpoint(), "--output", "markdown");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .startsWith("# LMI assessment: `" + function + "`")
                .contains("**RECOMMEND_LMI**")
                .contains("| | Lambda on demand | Lambda + Savings Plan (12%) | LMI on demand | LMI + 3yr Savings Plan (65%) |")
                .contains("|---|---:|---:|---:|---:|")
                .containsPattern("\\| Requests \\| [0-9,.]+ \\| [0-9,.]+ \\| [0-9,.]+ \\| [0-9,.]+ \\|")
                .containsPattern("\\| Duration / compute \\|")
                .containsPattern("\\| Management fee \\| - \\| - \\| [0-9,.]+ \\| [0-9,.]+ \\|")
                .containsPattern("\\| Monthly \\|").containsPattern("\\| Annual \\|")
                .containsPattern("\\| Savings vs Lambda \\| - \\| [0-9,.]+ \\([0-9.]+%\\) \\|")
                .contains("## Readiness").contains("| WARN | `CODE_REVIEW_REQUIRED` |")
                .contains("```json").contains("\"minExecutionEnvironments\"")
                .contains("```yaml").contains("AWS::Serverless::CapacityProvider");
    }

    @Test
    void aMissingFunctionExitsOneAndSaysSo() {
        Run r = run("no-such-function", "--endpoint", endpoint());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("lmi: no function no-such-function in us-east-1");
        assertThat(r.out()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "orders api|--days 14|FUNCTION",
        "orders|--days 3|--days",
        "orders|--days 90|--days",
        "orders|--endpoint not-a-url|--endpoint",
        "orders|--output xml|--output",
        "orders|--workload gpu|--workload",
        "orders|--region mars|--region"
    })
    void badInputExitsTwoNamingTheFlag(String name, String flags, String named) {
        List<String> args = new ArrayList<>(List.of(name));
        args.addAll(List.of(flags.split(" ")));
        if (!flags.contains("--endpoint")) {
            args.addAll(List.of("--endpoint", endpoint()));
        }

        Run r = run(args.toArray(String[]::new));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(named);
    }

    @Test
    void withoutAnEndpointTheRegionMustBeKnown() {
        Run r = run(Map.of(), "orders");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Missing --region");
    }

    private static byte[] zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("app.py"));
            zip.write("def handler(event, context):\n    return event\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}

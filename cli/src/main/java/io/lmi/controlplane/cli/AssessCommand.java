package io.lmi.controlplane.cli;

import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.aws.assess.FunctionAssessor;
import io.lmi.controlplane.core.assess.Assessment;
import io.lmi.controlplane.core.assess.AssessmentJson;
import io.lmi.controlplane.core.assess.AssessmentOptions;
import io.lmi.controlplane.core.assess.AssessmentPolicy;
import io.lmi.controlplane.core.assess.AssessmentRequest;
import io.lmi.controlplane.core.assess.Assessor;
import io.lmi.controlplane.core.cost.CostPolicy;
import io.lmi.controlplane.core.cost.PriceBook;
import io.lmi.controlplane.core.cost.SizingPolicy;
import io.lmi.controlplane.core.cost.WorkloadProfile;
import io.lmi.controlplane.core.validation.InvalidRequestException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * {@code lmi assess FUNCTION}: the same engine as the Assess Lambda, run against an account (or the local AWS) from
 * this machine. Read-only: Lambda Get/List calls, trigger discovery's reads and one GetMetricData request.
 */
@Command(
        name = "assess",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Assess whether a function should move to Lambda Managed Instances: its traffic over the last days,",
            "standard Lambda against LMI cost (on demand and with Savings Plans), readiness (runtime, memory,",
            "architecture, dropped features, each trigger), a verdict (RECOMMEND_LMI, STAY_ON_LAMBDA, NOT_ELIGIBLE,",
            "INSUFFICIENT_DATA) with reasons and confidence, and the LMI configuration to use. Read-only."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:assessment printed", "1:the function does not exist, or AWS refused a call",
            "2:bad input (the message names the flag)"})
public final class AssessCommand implements Callable<Integer> {

    /** Where the local AWS runs when --endpoint is given without --region: its only Region. */
    static final String LOCAL_REGION = "us-east-1";

    enum Output { table, json, markdown }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FUNCTION", description = "The function's name or unqualified ARN.")
    private String function;

    @Option(names = "--days", defaultValue = "14", paramLabel = "N",
            description = "Days of CloudWatch history to read (default: ${DEFAULT-VALUE}; 7 to 63).")
    private int days;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "Talk to this endpoint instead of AWS, e.g. the local AWS at http://127.0.0.1:4599"
                    + " (then the Region defaults to us-east-1 and credentials to dummy ones unless set).")
    private String endpoint;

    @Option(names = "--region", paramLabel = "REGION",
            description = "The function's Region (default: AWS_REGION or AWS_DEFAULT_REGION).")
    private String region;

    @Option(names = "--workload", paramLabel = "io|balanced|cpu", converter = Converters.WorkloadConverter.class,
            description = "Whether invocations mostly wait on I/O or use CPU (default: assumed balanced, and said so).")
    private WorkloadProfile workload;

    @Option(names = "--allow-runtime-upgrade",
            description = "Judge the function as moved to the nearest LMI runtime of its family (java17 -> java21).")
    private boolean allowRuntimeUpgrade;

    @Option(names = "--prices", paramLabel = "FILE",
            description = "A price table file for the Region (the format refresh-prices writes).")
    private Path pricesFile;

    @Option(names = "--output", defaultValue = "table", paramLabel = "table|json|markdown",
            description = "table (default), json (the assessment document, docs/assessment.md) or markdown"
                    + " (a report for a pull request or an issue).")
    private Output output;

    private final Path pricesDirectory;
    private final Map<String, String> environment;

    public AssessCommand() {
        this(CostCommand.DEFAULT_PRICES_DIRECTORY, System.getenv());
    }

    /** @param environment where AWS_REGION and credentials variables are looked up (tests pass their own) */
    AssessCommand(Path pricesDirectory, Map<String, String> environment) {
        this.pricesDirectory = pricesDirectory;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() {
        AssessmentPolicy policy = AssessmentPolicy.defaults();
        AssessmentRequest request = new AssessmentRequest(function, days, null, null, null, allowRuntimeUpgrade);
        try {
            request.validate(policy);
        } catch (InvalidRequestException e) {
            var error = e.errors().get(0);
            String flag = "functionName".equals(error.field()) ? "FUNCTION" : "--" + error.field();
            throw new ParameterException(spec.commandLine(), "Invalid value for " + flag + ": " + error.problem()
                    + " (" + error.fix() + ")");
        }
        AssessmentOptions options = new AssessmentOptions(days, allowRuntimeUpgrade, workload);
        Assessor engine = new Assessor(prices(), SizingPolicy.defaults(), CostPolicy.defaults(), policy);
        Assessment assessment;
        try (AwsClients clients = clients();
             FunctionAssessor assessor = FunctionAssessor.create(clients, engine, Clock.systemUTC())) {
            Optional<Assessment> found = assessor.assess(request.name(), options, "asm-cli-" + UUID.randomUUID());
            if (found.isEmpty()) {
                spec.commandLine().getErr().println("lmi: no function " + request.name() + " in "
                        + clients.region().id() + " (check the name and --region)");
                return ErrorHandler.FAILED;
            }
            assessment = found.get();
        }
        var out = spec.commandLine().getOut();
        out.print(switch (output) {
            case json -> AssessmentJson.write(assessment) + System.lineSeparator();
            case markdown -> AssessmentMarkdown.render(assessment, policy);
            case table -> AssessmentTable.render(assessment, policy);
        });
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    private PriceBook prices() {
        PriceBook book = PriceBook.standard(pricesDirectory);
        return pricesFile == null ? book : book.withFileFirst(pricesFile);
    }

    private AwsClients clients() {
        URI uri = null;
        if (endpoint != null) {
            try {
                uri = URI.create(endpoint);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new ParameterException(spec.commandLine(), "Invalid value for --endpoint: '" + endpoint
                        + "' is not an http(s) URL such as http://127.0.0.1:4599");
            }
        }
        String regionName = Optional.ofNullable(region)
                .or(() -> Optional.ofNullable(environment.get("AWS_REGION")))
                .or(() -> Optional.ofNullable(environment.get("AWS_DEFAULT_REGION")))
                .or(() -> Optional.ofNullable(endpoint == null ? null : LOCAL_REGION))
                .filter(r -> !r.isBlank())
                .orElseThrow(() -> new ParameterException(spec.commandLine(),
                        "Missing --region: give the function's Region, or set AWS_REGION"));
        if (!regionName.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
            throw new ParameterException(spec.commandLine(), "Invalid value for --region: '" + regionName
                    + "' is not a Region name such as us-east-1");
        }
        return AwsClients.of(Region.of(regionName), credentials(uri != null), uri);
    }

    /** Against an endpoint, credentials from the environment when set, else the dummy ones any local AWS takes. */
    private AwsCredentialsProvider credentials(boolean local) {
        boolean given = environment.containsKey("AWS_ACCESS_KEY_ID") || environment.containsKey("AWS_PROFILE");
        if (local && !given) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}

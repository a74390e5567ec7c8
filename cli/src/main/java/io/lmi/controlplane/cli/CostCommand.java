package io.lmi.controlplane.cli;

import io.lmi.controlplane.core.cost.Architecture;
import io.lmi.controlplane.core.cost.CostEngine;
import io.lmi.controlplane.core.cost.CostField;
import io.lmi.controlplane.core.cost.CostPolicy;
import io.lmi.controlplane.core.cost.CostReport;
import io.lmi.controlplane.core.cost.CostReportJson;
import io.lmi.controlplane.core.cost.CostRequest;
import io.lmi.controlplane.core.cost.InvalidCostInputException;
import io.lmi.controlplane.core.cost.PriceBook;
import io.lmi.controlplane.core.cost.PriceTableException;
import io.lmi.controlplane.core.cost.SavingsOption;
import io.lmi.controlplane.core.cost.SizingPolicy;
import io.lmi.controlplane.core.cost.UnknownInstanceTypeException;
import io.lmi.controlplane.core.cost.UnpricedRegionException;
import io.lmi.controlplane.core.cost.WorkloadProfile;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lmi cost}: standard Lambda against LMI for one function, offline, from flags. Prices come from, in order:
 * {@code --prices FILE}, a table refreshed from the Pricing API in {@code ~/.lmi/prices/<region>.json}, the table
 * shipped in the jar (us-east-1). Usage errors and impossible values exit 2 naming the flag.
 */
@Command(
        name = "cost",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Compare the monthly cost of a function on standard Lambda and on Lambda Managed Instances (LMI),",
            "on demand and with Savings Plans or Reserved Instances, with the LMI fleet sized by the AWS LMI",
            "pricing calculator's method and the break-even volume. Offline: no AWS account is needed.",
            "Prices: --prices FILE, else ~/.lmi/prices/<region>.json (refreshed), else the bundled table (us-east-1)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:estimate printed", "2:missing or impossible input (the message names the flag)"})
public final class CostCommand implements Callable<Integer> {

    /** Where refreshed price tables live unless --prices names a file: ~/.lmi/prices. */
    public static final Path DEFAULT_PRICES_DIRECTORY =
            Path.of(System.getProperty("user.home"), ".lmi", "prices");

    private static final Map<CostField, String> FLAGS = Map.ofEntries(
            Map.entry(CostField.REGION, "--region"),
            Map.entry(CostField.REQUESTS_PER_MONTH, "--requests-per-month"),
            Map.entry(CostField.AVG_DURATION_MS, "--avg-duration-ms"),
            Map.entry(CostField.MEMORY_MB, "--memory-mb"),
            Map.entry(CostField.ARCHITECTURE, "--arch"),
            Map.entry(CostField.RUNTIME, "--runtime"),
            Map.entry(CostField.WORKLOAD, "--workload"),
            Map.entry(CostField.PEAK_CONCURRENCY, "--peak-concurrency"),
            Map.entry(CostField.INSTANCE_TYPE, "--instance-type"),
            Map.entry(CostField.INSTANCES, "--instances"),
            Map.entry(CostField.INSTANCE_HOURS, "--instance-hours"),
            Map.entry(CostField.EC2_DISCOUNT_RATE, "--ec2-discount-rate"),
            Map.entry(CostField.LAMBDA_DISCOUNT_RATE, "--lambda-discount-rate"));

    enum OutputFormat { table, json }

    @Spec
    private CommandSpec spec;

    @Option(names = "--requests-per-month", required = true, paramLabel = "N", converter = Converters.WholeNumber.class,
            description = "Invocations per month (a whole number; 259200000 or 2.592e8).")
    private long requestsPerMonth;

    @Option(names = "--avg-duration-ms", required = true, paramLabel = "MS",
            description = "Average duration of one invocation, in milliseconds (> 0, at most 900000).")
    private BigDecimal avgDurationMs;

    @Option(names = "--memory-mb", required = true, paramLabel = "MB",
            description = "The Lambda function's memory size, 128 to 10240 MB.")
    private int memoryMb;

    @Option(names = "--arch", defaultValue = "x86_64", paramLabel = "x86_64|arm64",
            converter = Converters.ArchitectureConverter.class,
            description = "Function architecture (default: ${DEFAULT-VALUE}); arm64 sizes on Graviton.")
    private Architecture architecture;

    @Option(names = "--runtime", required = true, paramLabel = "RUNTIME",
            description = "python, nodejs, java or dotnet, or a runtime id such as java21, python3.13, nodejs22.x.")
    private String runtime;

    @Option(names = "--workload", defaultValue = "balanced", paramLabel = "io|balanced|cpu",
            converter = Converters.WorkloadConverter.class,
            description = "CPU per in-flight invocation: io 12.5%%, balanced 25%%, cpu 50%% (default: ${DEFAULT-VALUE}).")
    private WorkloadProfile workload;

    @Mixin
    private PriceSource prices;

    @Option(names = "--peak-concurrency", paramLabel = "N",
            description = "Measured peak concurrency; replaces the Little's-law estimate from volume and duration.")
    private BigDecimal peakConcurrency;

    @Option(names = "--instance-type", paramLabel = "TYPE",
            description = "Use this instance type instead of choosing one (it must match --arch).")
    private String instanceType;

    @Option(names = "--instances", paramLabel = "N",
            description = "Price this many instances running all month instead of the sized fleet.")
    private Integer instances;

    @Option(names = "--instance-hours", paramLabel = "H",
            description = "Price this many instance-hours a month instead of the sized fleet.")
    private BigDecimal instanceHours;

    @Option(names = "--ec2-discount-rate", paramLabel = "R",
            description = "Add an LMI savings entry with this share off the EC2 part (0.72 = 72%%); the fee stays on"
                    + " the on-demand price.")
    private BigDecimal ec2DiscountRate;

    @Option(names = "--lambda-discount-rate", paramLabel = "R",
            description = "Add a Lambda savings entry with this share off duration (0.17 = 17%%).")
    private BigDecimal lambdaDiscountRate;

    @Option(names = "--include-free-tier",
            description = "Subtract Lambda's monthly free tier (off by default: it is per account, not per function).")
    private boolean includeFreeTier;

    @Option(names = "--output", defaultValue = "table", paramLabel = "table|json",
            description = "table (default) or json (the document the assessment stores).")
    private OutputFormat output;

    private final Path pricesDirectory;

    public CostCommand() {
        this(DEFAULT_PRICES_DIRECTORY);
    }

    /** @param pricesDirectory where refreshed tables are looked for (tests point it at a temporary directory) */
    public CostCommand(Path pricesDirectory) {
        this.pricesDirectory = pricesDirectory;
    }

    @Override
    public Integer call() {
        CostReport report;
        try {
            report = engine().estimate(request());
        } catch (InvalidCostInputException e) {
            throw usage(FLAGS.get(e.field()), e.getMessage());
        } catch (UnknownInstanceTypeException e) {
            throw usage(instanceType != null ? "--instance-type" : "--region", e.getMessage());
        } catch (UnpricedRegionException e) {
            throw usage("--region", e.getMessage());
        } catch (PriceTableException e) {
            throw usage(prices.flagFor(e), e.getMessage());
        }
        var out = spec.commandLine().getOut();
        out.print(output == OutputFormat.json ? CostReportJson.write(report) + System.lineSeparator()
                : CostTable.render(report));
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    private CostEngine engine() {
        PriceBook book = prices.book(pricesDirectory);
        CostPolicy policy = CostPolicy.defaults().withLambdaFreeTier(includeFreeTier);
        return new CostEngine(book, SizingPolicy.defaults(), policy);
    }

    private CostRequest request() {
        List<SavingsOption> extra = new ArrayList<>();
        if (lambdaDiscountRate != null) {
            extra.add(savings("--lambda-discount-rate", () -> SavingsOption.customLambda(lambdaDiscountRate)));
        }
        if (ec2DiscountRate != null) {
            extra.add(savings("--ec2-discount-rate", () -> SavingsOption.customEc2(ec2DiscountRate)));
        }
        return new CostRequest(prices.region, requestsPerMonth, avgDurationMs, memoryMb, architecture, runtime, workload,
                peakConcurrency, instanceType, instances, instanceHours, extra);
    }

    private SavingsOption savings(String flag, java.util.function.Supplier<SavingsOption> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw usage(flag, "give a share in [0, 1), e.g. 0.72 for 72%");
        }
    }

    private ParameterException usage(String flag, String message) {
        return new ParameterException(spec.commandLine(), "Invalid value for " + flag + ": " + message);
    }
}

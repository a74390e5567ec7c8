package io.lmi.controlplane.cli;

import io.lmi.controlplane.core.cost.Architecture;
import io.lmi.controlplane.core.cost.InstanceHourQuote;
import io.lmi.controlplane.core.cost.InvalidCostInputException;
import io.lmi.controlplane.core.cost.PriceTableException;
import io.lmi.controlplane.core.cost.RuntimeFamily;
import io.lmi.controlplane.core.cost.SizingPolicy;
import io.lmi.controlplane.core.cost.UnknownInstanceTypeException;
import io.lmi.controlplane.core.cost.UnpricedRegionException;
import io.lmi.controlplane.core.cost.WorkloadProfile;
import io.lmi.controlplane.core.schedule.InstanceHourPricing;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * How {@code schedule savings} turns execution-environment-hours into instance-hours and dollars: the cost engine's
 * instance type and packing ({@link InstanceHourQuote}) for the function described by the flags, priced from the same
 * tables as {@code ./lmi cost}; {@code --ee-per-instance} and {@code --instance-hour-usd} replace either number.
 */
final class SavingsPricingOptions {
    /** LMI's default function memory, which is also its minimum (lmi-api-and-pricing.md 2.6). */
    static final String DEFAULT_MEMORY_MB = "2048";
    /**
     * The runtime only sets the per-vCPU concurrency cap, which decides the packing only for functions of a few
     * hundred MB; Java's cap (32) is the middle of the documented ones.
     */
    static final String DEFAULT_RUNTIME = "java";

    @Mixin
    PriceSource prices;

    @Option(names = "--memory-mb", defaultValue = DEFAULT_MEMORY_MB, paramLabel = "MB",
            description = "The function's memory size (default ${DEFAULT-VALUE}, LMI's default and minimum).")
    int memoryMb;

    @Option(names = "--arch", defaultValue = "x86_64", paramLabel = "x86_64|arm64",
            converter = Converters.ArchitectureConverter.class,
            description = "Function architecture (default: ${DEFAULT-VALUE}); arm64 prices Graviton.")
    Architecture architecture;

    @Option(names = "--runtime", defaultValue = DEFAULT_RUNTIME, paramLabel = "RUNTIME",
            description = "python, nodejs, java or dotnet, or a runtime id (default: ${DEFAULT-VALUE}); it sets the "
                    + "per-vCPU concurrency cap.")
    String runtime;

    @Option(names = "--workload", defaultValue = "balanced", paramLabel = "io|balanced|cpu",
            converter = Converters.WorkloadConverter.class,
            description = "CPU per in-flight invocation, which picks the family as ./lmi cost does (default: "
                    + "${DEFAULT-VALUE}).")
    WorkloadProfile workload;

    @Option(names = "--instance-type", paramLabel = "TYPE",
            description = "Price this instance type (it must match --arch). Default: the size of the cost engine's "
                    + "family with the cheapest execution-environment-hour.")
    String instanceType;

    @Option(names = "--memory-per-vcpu", paramLabel = "GIB",
            description = "The function's ExecutionEnvironmentMemoryGiBPerVCpu (2, 4 or 8). Default: the family's "
                    + "ratio, as ./lmi cost sizes (c 2, m 4, r 8).")
    BigDecimal memoryGiBPerVcpu;

    @Option(names = "--ee-per-instance", paramLabel = "N",
            description = "Override: execution environments one instance holds for this function.")
    BigDecimal executionEnvironmentsPerInstance;

    @Option(names = "--instance-hour-usd", paramLabel = "X",
            description = "Override: all-in USD per instance-hour (EC2 after discounts plus the 15%% management fee).")
    BigDecimal usdPerInstanceHour;

    /** The numbers used, and the cost engine's quote when one was needed. */
    record Resolved(InstanceHourPricing pricing, Optional<InstanceHourQuote> quote) {}

    Resolved resolve(CommandSpec spec, Path pricesDirectory) {
        Optional<InstanceHourQuote> quote = executionEnvironmentsPerInstance != null && usdPerInstanceHour != null
                ? Optional.empty() : Optional.of(quote(spec, pricesDirectory));
        BigDecimal perInstance = executionEnvironmentsPerInstance != null ? executionEnvironmentsPerInstance
                : BigDecimal.valueOf(quote.orElseThrow().environmentsPerInstance());
        BigDecimal usd = usdPerInstanceHour != null ? usdPerInstanceHour : quote.orElseThrow().usdPerInstanceHour();
        try {
            return new Resolved(new InstanceHourPricing(perInstance, usd), quote);
        } catch (IllegalArgumentException e) {
            throw usage(spec, perInstance.signum() <= 0 ? "--ee-per-instance" : "--instance-hour-usd", e.getMessage());
        }
    }

    private InstanceHourQuote quote(CommandSpec spec, Path pricesDirectory) {
        SizingPolicy policy = sizingPolicy(spec);
        try {
            return InstanceHourQuote.of(new InstanceHourQuote.Function(prices.region, runtimeFamily(spec), workload,
                    memoryMb, architecture, instanceType), prices.book(pricesDirectory), policy);
        } catch (InvalidCostInputException e) {
            throw usage(spec, switch (e.field()) {
                case INSTANCE_TYPE -> "--instance-type";
                case MEMORY_MB -> memoryGiBPerVcpu != null ? "--memory-mb or --memory-per-vcpu" : "--memory-mb";
                default -> e.field().name();
            }, e.getMessage());
        } catch (UnknownInstanceTypeException e) {
            throw usage(spec, instanceType != null ? "--instance-type" : "--region", e.getMessage());
        } catch (UnpricedRegionException e) {
            throw usage(spec, "--region", e.getMessage());
        } catch (PriceTableException e) {
            throw usage(spec, prices.flagFor(e), e.getMessage());
        }
    }

    private SizingPolicy sizingPolicy(CommandSpec spec) {
        if (memoryGiBPerVcpu == null) {
            return SizingPolicy.defaults();
        }
        try {
            return SizingPolicy.builder().memoryGiBPerVcpuOverride(memoryGiBPerVcpu).build();
        } catch (IllegalArgumentException e) {
            throw usage(spec, "--memory-per-vcpu", "give a positive GiB per vCPU (2, 4 or 8), got " + memoryGiBPerVcpu);
        }
    }

    private RuntimeFamily runtimeFamily(CommandSpec spec) {
        try {
            return RuntimeFamily.parse(runtime);
        } catch (IllegalArgumentException e) {
            throw usage(spec, "--runtime", e.getMessage());
        }
    }

    private static ParameterException usage(CommandSpec spec, String flag, String message) {
        return new ParameterException(spec.commandLine(), "Invalid value for " + flag + ": " + message);
    }
}

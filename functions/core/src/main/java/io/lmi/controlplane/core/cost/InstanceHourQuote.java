package io.lmi.controlplane.core.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What one LMI instance-hour costs for a function and how many of its execution environments an instance holds: the
 * two numbers an estimate needs that counts environment-hours rather than requests (a capacity schedule's savings).
 *
 * <p>The instance type is the cost engine's choice ({@link LmiSizer#candidates}: family from the workload, memory and
 * architecture, or the pinned type). With no volume to size a fleet for, the size is the one whose all-in price per
 * environment-hour is lowest, which is what a fleet of many environments ends on; ties go to the smaller size.
 *
 * @param onDemandHourlyUsd the EC2 on-demand price of one instance-hour
 * @param usdPerInstanceHour on demand plus the management fee on it ({@link LmiPricing#capacityCost}, no discount)
 * @param priceOrigin where the table came from ({@link PriceBook#originOf})
 */
public record InstanceHourQuote(String region, java.time.LocalDate priceAsOf, String priceOrigin, String instanceType,
        ExecutionEnvironmentShape shape, int environmentsPerInstance, BigDecimal onDemandHourlyUsd,
        BigDecimal managementFeeRate, BigDecimal usdPerInstanceHour) {

    public InstanceHourQuote {
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(usdPerInstanceHour, "usdPerInstanceHour");
    }

    /** The function whose capacity is priced; the same inputs {@code ./lmi cost} takes for its LMI side. */
    public record Function(String region, RuntimeFamily runtime, WorkloadProfile workload, int memoryMb,
            Architecture architecture, String pinnedInstanceType) {
        public Function {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(runtime, "runtime");
            Objects.requireNonNull(workload, "workload");
            Objects.requireNonNull(architecture, "architecture");
            if (memoryMb < CostRequest.MIN_MEMORY_MB || memoryMb > CostRequest.MAX_MEMORY_MB) {
                throw new InvalidCostInputException(CostField.MEMORY_MB, "memory must be " + CostRequest.MIN_MEMORY_MB
                        + ".." + CostRequest.MAX_MEMORY_MB + " MB (the Lambda function's memory size), was " + memoryMb);
            }
        }
    }

    /**
     * @throws UnpricedRegionException when the region has no price table
     * @throws UnknownInstanceTypeException when the pinned type (or the chosen family) is not priced
     * @throws InvalidCostInputException when no size (or not the pinned one) holds one environment
     */
    public static InstanceHourQuote of(Function function, PriceBook book, SizingPolicy policy) {
        PriceTable table = book.forRegion(function.region());
        LmiSizer sizer = new LmiSizer(policy, CostPolicy.defaults().hoursPerMonth());
        List<LmiSizer.Candidate> candidates = sizer.candidates(function.runtime(), function.workload(),
                function.memoryMb(), function.architecture(), function.pinnedInstanceType(), table);
        LmiSizer.Candidate cheapest = candidates.stream()
                .min(Comparator.comparing((LmiSizer.Candidate c) -> perEnvironmentHour(c, table)))
                .orElseThrow();
        return new InstanceHourQuote(table.region(), table.asOf(), book.originOf(function.region()),
                cheapest.instanceType(), cheapest.shape(), cheapest.environmentsPerInstance(),
                cheapest.price().onDemandHourlyUsd(), table.lmi().managementFeeRate(), allIn(cheapest, table));
    }

    private static BigDecimal allIn(LmiSizer.Candidate c, PriceTable table) {
        return LmiPricing.capacityCost(c.price().onDemandHourlyUsd(), BigDecimal.ONE, table.lmi(), BigDecimal.ZERO,
                null);
    }

    private static BigDecimal perEnvironmentHour(LmiSizer.Candidate c, PriceTable table) {
        return allIn(c, table).divide(BigDecimal.valueOf(c.environmentsPerInstance()), MathContext.DECIMAL128);
    }
}

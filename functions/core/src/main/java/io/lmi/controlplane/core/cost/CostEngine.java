package io.lmi.controlplane.core.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The cost and sizing engine: standard Lambda and LMI for one function, on demand and with each savings option,
 * with the LMI fleet sized by the calculator's method and the break-even volume of every LMI option.
 *
 * <p>Use: {@code new CostEngine(PriceBook.standard(dir), SizingPolicy.defaults(), CostPolicy.defaults())
 * .estimate(request)}. Thread-safe and free of I/O except reading price tables through the book.
 */
public final class CostEngine {
    private final PriceBook prices;
    private final SizingPolicy sizingPolicy;
    private final CostPolicy costPolicy;
    private final LmiSizer sizer;

    public CostEngine(PriceBook prices, SizingPolicy sizingPolicy, CostPolicy costPolicy) {
        this.prices = Objects.requireNonNull(prices, "prices");
        this.sizingPolicy = Objects.requireNonNull(sizingPolicy, "sizingPolicy");
        this.costPolicy = Objects.requireNonNull(costPolicy, "costPolicy");
        this.sizer = new LmiSizer(sizingPolicy, costPolicy.hoursPerMonth());
    }

    public static CostEngine withDefaults(PriceBook prices) {
        return new CostEngine(prices, SizingPolicy.defaults(), CostPolicy.defaults());
    }

    public LmiSizer sizer() {
        return sizer;
    }

    /**
     * @throws InvalidCostInputException for an input no real workload has
     * @throws UnpricedRegionException when the region has no price table
     * @throws UnknownInstanceTypeException when a pinned type (or the chosen family) is not priced
     */
    public CostReport estimate(CostRequest request) {
        PriceTable table = prices.forRegion(request.region());
        List<String> warnings = new ArrayList<>();
        PriceTable.FreeTier freeTier = costPolicy.includeLambdaFreeTier() ? table.lambda().freeTier() : null;
        PriceTable.LambdaArchitecturePrices lambdaPrices = table.lambdaPrices(request.architecture());

        LambdaPricing.Charges lambdaCharges = LambdaPricing.monthly(lambdaPrices, freeTier, request.requestsPerMonth(),
                request.avgDurationMs(), request.memoryMb());
        BigDecimal lambdaOnDemand = lambdaCharges.totalUsd();
        CostReport.LambdaLine lambdaOd = lambdaLine("onDemand", "Lambda on demand", BigDecimal.ZERO,
                lambdaCharges.requestsUsd(), lambdaCharges.durationUsd(), lambdaOnDemand);
        List<CostReport.LambdaLine> lambdaSavings = new ArrayList<>();
        List<SavingsOption> lmiOptions = new ArrayList<>();
        for (SavingsOption option : allSavingsOptions(request)) {
            if (option.target() == SavingsOption.SavingsTarget.LAMBDA_DURATION) {
                BigDecimal duration = LambdaPricing.discountedDuration(lambdaCharges, option.discountRate());
                lambdaSavings.add(lambdaLine(option.id(), option.name(), option.discountRate(),
                        lambdaCharges.requestsUsd(), duration, lambdaOnDemand));
            } else {
                lmiOptions.add(option);
            }
        }

        Capacity capacity = capacity(request, table, warnings);
        List<LmiPricing.Charges> charges = new ArrayList<>();
        List<BigDecimal> rates = new ArrayList<>();
        rates.add(BigDecimal.ZERO);
        lmiOptions.forEach(o -> rates.add(o.discountRate()));
        for (BigDecimal rate : rates) {
            charges.add(LmiPricing.monthly(capacity.price().onDemandHourlyUsd(), capacity.instanceHours(),
                    request.requestsPerMonth(), table.lmi(), rate, costPolicy.discountedHourlyRateScale()));
        }
        BreakEvenSolver.LambdaCurve curve = BreakEvenSolver.lambdaCurve(lambdaPrices, freeTier,
                request.avgDurationMs(), request.memoryMb());
        BreakEvenResult breakEven = breakEven(request, table, capacity, curve, rates);

        CostReport.LmiLine lmiOd = lmiLine("onDemand", "LMI on demand", BigDecimal.ZERO, charges.get(0),
                lambdaOnDemand, breakEven.volumes().get(0));
        List<CostReport.LmiLine> lmiSavings = new ArrayList<>();
        for (int i = 0; i < lmiOptions.size(); i++) {
            SavingsOption o = lmiOptions.get(i);
            lmiSavings.add(lmiLine(o.id(), o.name(), o.discountRate(), charges.get(i + 1), lambdaOnDemand,
                    breakEven.volumes().get(i + 1)));
        }
        warnings.addAll(fleetWarnings(capacity));
        runtimeWarning(request).ifPresent(warnings::add);

        BigDecimal hoursPerMonth = BigDecimal.valueOf(costPolicy.hoursPerMonth());
        return new CostReport(
                CostReport.SCHEMA_VERSION,
                table.currency(),
                table.region(),
                table.asOf(),
                prices.originOf(request.region()),
                new CostReport.Input(request.requestsPerMonth(), request.avgDurationMs(), request.memoryMb(),
                        request.architecture(), request.runtime(), request.runtimeFamily(), request.workload(),
                        request.peakConcurrency(), costPolicy.includeLambdaFreeTier()),
                new CostReport.LambdaEstimate(lambdaCharges.gbSeconds(), lambdaOd, lambdaSavings),
                new CostReport.LmiEstimate(
                        capacity.instanceType(),
                        capacity.instanceHours().divide(hoursPerMonth, MathContext.DECIMAL128),
                        capacity.instanceHours(),
                        capacity.price().onDemandHourlyUsd(),
                        capacity.source(),
                        capacity.sizing(),
                        lmiOd,
                        lmiSavings,
                        breakEven.searchLimit()),
                warnings);
    }

    private List<SavingsOption> allSavingsOptions(CostRequest request) {
        List<SavingsOption> all = new ArrayList<>(costPolicy.savingsOptions());
        for (SavingsOption extra : request.extraSavingsOptions()) {
            if (all.stream().anyMatch(o -> o.id().equals(extra.id()))) {
                throw new IllegalArgumentException("savings option id " + extra.id() + " given twice");
            }
            all.add(extra);
        }
        return all;
    }

    /** The fleet the LMI lines are priced on, and how it was decided. */
    private record Capacity(String instanceType, PriceTable.InstanceTypePrice price, BigDecimal instanceHours,
            String source, SizingResult sizing, List<LmiSizer.Candidate> candidates, ConcurrencyModel concurrency) {}

    private Capacity capacity(CostRequest request, PriceTable table, List<String> warnings) {
        ConcurrencyModel concurrency = concurrencyModel(request);
        LmiSizer.Request sizing = new LmiSizer.Request(request.runtimeFamily(), request.workload(), request.memoryMb(),
                request.architecture(), concurrency, request.requestsPerMonth(), request.instanceType());
        BigDecimal hoursPerMonth = BigDecimal.valueOf(costPolicy.hoursPerMonth());
        boolean overridden = request.instances() != null || request.instanceHours() != null;
        if (!overridden) {
            List<LmiSizer.Candidate> candidates = sizer.candidates(sizing, table);
            SizingResult sized = sizer.size(sizing, table);
            return new Capacity(sized.instanceType(), table.instanceType(sized.instanceType()),
                    hoursPerMonth.multiply(BigDecimal.valueOf(sized.instances())), "sized", sized, candidates,
                    concurrency);
        }
        SizingResult sized = null;
        String type = request.instanceType();
        try {
            sized = sizer.size(sizing, table);
            type = sized.instanceType();
        } catch (InvalidCostInputException e) {
            if (type == null) {
                throw e;
            }
            warnings.add("no calculator sizing for comparison: " + e.getMessage());
        }
        PriceTable.InstanceTypePrice price = table.instanceType(type);
        if (price.architecture() != request.architecture()) {
            throw new InvalidCostInputException(CostField.INSTANCE_TYPE, type + " is " + price.architecture()
                    + " but the function is " + request.architecture());
        }
        if (request.instances() != null) {
            return new Capacity(type, price, hoursPerMonth.multiply(BigDecimal.valueOf(request.instances())),
                    "instances", sized, List.of(), concurrency);
        }
        return new Capacity(type, price, request.instanceHours(), "instance-hours", sized, List.of(), concurrency);
    }

    private ConcurrencyModel concurrencyModel(CostRequest request) {
        if (request.peakConcurrency() != null) {
            return ConcurrencyModel.measuredPeak(request.peakConcurrency(), request.requestsPerMonth());
        }
        return ConcurrencyModel.littlesLaw(request.avgDurationMs(), sizingPolicy.peakToAverageFactor(),
                costPolicy.secondsPerMonth());
    }

    private record BreakEvenResult(List<Long> volumes, Long searchLimit) {}

    /**
     * A sized fleet: per candidate size, walk its steps; an option's break-even is the smallest over the sizes (the
     * sizing picks the cheapest size at every volume, so LMI is no dearer than Lambda as soon as one size is not). A
     * fixed fleet: one step over every volume.
     */
    private BreakEvenResult breakEven(CostRequest request, PriceTable table, Capacity capacity,
            BreakEvenSolver.LambdaCurve curve, List<BigDecimal> rates) {
        BigDecimal requestPrice = table.lmi().requestPricePerMillionUsd();
        if (!costPolicy.computeBreakEven()) {
            List<Long> none = new ArrayList<>();
            rates.forEach(r -> none.add(null));
            return new BreakEvenResult(none, null);
        }
        if (capacity.candidates().isEmpty()) {
            List<BigDecimal> perHour = perHour(capacity.price(), table, rates);
            Iterator<BreakEvenSolver.Step> one = List.of(
                    new BreakEvenSolver.Step(0, Long.MAX_VALUE, capacity.instanceHours())).iterator();
            return new BreakEvenResult(unbox(BreakEvenSolver.solve(curve, one, requestPrice, perHour)), null);
        }
        List<Long> best = new ArrayList<>();
        rates.forEach(r -> best.add(null));
        long limit = 0;
        for (LmiSizer.Candidate c : capacity.candidates()) {
            StepWalk walk = new StepWalk(c, capacity.concurrency());
            List<OptionalLong> found = BreakEvenSolver.solve(curve, walk, requestPrice, perHour(c.price(), table, rates));
            for (int i = 0; i < found.size(); i++) {
                if (found.get(i).isPresent() && (best.get(i) == null || found.get(i).getAsLong() < best.get(i))) {
                    best.set(i, found.get(i).getAsLong());
                }
            }
            limit = Math.max(limit, searchLimit(c, capacity.concurrency()));
        }
        return new BreakEvenResult(best, limit == Long.MAX_VALUE ? null : limit);
    }

    /**
     * The largest volume a candidate's steps reach: the volume the largest base count whose buffered fleet still fits
     * one capacity provider's vCPU quota can carry (Long.MAX_VALUE when the need does not grow with volume).
     */
    private long searchLimit(LmiSizer.Candidate c, ConcurrencyModel concurrency) {
        long lo = sizingPolicy.minInstances();
        if (!fitsQuota(sizer.finalInstances(lo), c)) {
            return 0;
        }
        long hi = Math.max(lo, sizingPolicy.maxVcpusPerCapacityProvider() / c.price().vcpus());
        while (lo < hi) {
            long mid = lo + (hi - lo + 1) / 2;
            if (fitsQuota(sizer.finalInstances(mid), c)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return concurrency.maxRequestsWithin(lo * c.environmentsPerInstance(),
                c.shape().sustainableConcurrencyPerEnvironment());
    }

    private boolean fitsQuota(long instances, LmiSizer.Candidate c) {
        return instances * c.price().vcpus() <= sizingPolicy.maxVcpusPerCapacityProvider();
    }

    private List<BigDecimal> perHour(PriceTable.InstanceTypePrice price, PriceTable table, List<BigDecimal> rates) {
        List<BigDecimal> out = new ArrayList<>();
        for (BigDecimal rate : rates) {
            out.add(LmiPricing.capacityCost(price.onDemandHourlyUsd(), BigDecimal.ONE, table.lmi(), rate,
                    costPolicy.discountedHourlyRateScale()));
        }
        return out;
    }

    private static List<Long> unbox(List<OptionalLong> values) {
        List<Long> out = new ArrayList<>();
        values.forEach(v -> out.add(v.isPresent() ? v.getAsLong() : null));
        return out;
    }

    /**
     * The fleet steps of one candidate size in order of volume: base instance count b covers the volumes whose
     * environments need ceil(envs / envsPerInstance) = b (b = min covers everything up to min x envsPerInstance). It
     * stops at the largest fleet one capacity provider may hold.
     */
    private final class StepWalk implements Iterator<BreakEvenSolver.Step> {
        private final LmiSizer.Candidate candidate;
        private final ConcurrencyModel concurrency;
        private final int perEnvironment;
        private final BigDecimal hoursPerMonth = BigDecimal.valueOf(costPolicy.hoursPerMonth());
        private long base;
        private long nextFrom;
        private boolean done;
        private BreakEvenSolver.Step pending;

        StepWalk(LmiSizer.Candidate candidate, ConcurrencyModel concurrency) {
            this.candidate = candidate;
            this.concurrency = concurrency;
            this.perEnvironment = candidate.shape().sustainableConcurrencyPerEnvironment();
            this.base = sizingPolicy.minInstances();
        }

        @Override
        public boolean hasNext() {
            while (pending == null && !done) {
                pending = advance();
            }
            return pending != null;
        }

        @Override
        public BreakEvenSolver.Step next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            BreakEvenSolver.Step step = pending;
            pending = null;
            return step;
        }

        /** The step of the current base count, or null when it covers no whole volume (then try the next count). */
        private BreakEvenSolver.Step advance() {
            if (!concurrency.scalesWithVolume()) {
                done = true;
                long envs = concurrency.environmentsNeeded(0, perEnvironment);
                long fixed = sizer.finalInstances(sizer.baseInstances(envs, candidate.environmentsPerInstance()));
                return fits(fixed) ? new BreakEvenSolver.Step(0, Long.MAX_VALUE, hours(fixed)) : null;
            }
            long instances = sizer.finalInstances(base);
            if (!fits(instances)) {
                done = true;
                return null;
            }
            long to = concurrency.maxRequestsWithin(base * candidate.environmentsPerInstance(), perEnvironment);
            base++;
            if (to < nextFrom) {
                return null;
            }
            BreakEvenSolver.Step step = new BreakEvenSolver.Step(nextFrom, to, hours(instances));
            if (to == Long.MAX_VALUE) {
                done = true;
            } else {
                nextFrom = to + 1;
            }
            return step;
        }

        private boolean fits(long instances) {
            return fitsQuota(instances, candidate);
        }

        private BigDecimal hours(long instances) {
            return BigDecimal.valueOf(instances).multiply(hoursPerMonth);
        }
    }

    private CostReport.LambdaLine lambdaLine(String id, String name, BigDecimal rate, BigDecimal requests,
            BigDecimal duration, BigDecimal lambdaOnDemand) {
        BigDecimal monthly = requests.add(duration);
        BigDecimal savings = lambdaOnDemand.subtract(monthly);
        return new CostReport.LambdaLine(id, name, rate, requests, duration, monthly,
                monthly.multiply(BigDecimal.valueOf(costPolicy.monthsPerYear())), savings,
                percentOf(savings, lambdaOnDemand));
    }

    private CostReport.LmiLine lmiLine(String id, String name, BigDecimal rate, LmiPricing.Charges c,
            BigDecimal lambdaOnDemand, Long breakEven) {
        BigDecimal monthly = c.totalUsd();
        BigDecimal savings = lambdaOnDemand.subtract(monthly);
        return new CostReport.LmiLine(id, name, rate, c.hourlyRateUsd(), c.ec2Usd(), c.managementFeeUsd(),
                c.requestsUsd(), monthly, monthly.multiply(BigDecimal.valueOf(costPolicy.monthsPerYear())), savings,
                percentOf(savings, lambdaOnDemand), breakEven);
    }

    private static BigDecimal percentOf(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? null : part.multiply(BigDecimal.valueOf(100)).divide(whole, MathContext.DECIMAL64);
    }

    private List<String> fleetWarnings(Capacity capacity) {
        List<String> out = new ArrayList<>();
        BigDecimal vcpus = capacity.instanceHours().divide(BigDecimal.valueOf(costPolicy.hoursPerMonth()),
                MathContext.DECIMAL64).multiply(BigDecimal.valueOf(capacity.price().vcpus()));
        if (vcpus.compareTo(BigDecimal.valueOf(sizingPolicy.maxVcpusPerCapacityProvider())) > 0) {
            out.add("the fleet needs " + vcpus.stripTrailingZeros().toPlainString() + " vCPUs, more than one capacity"
                    + " provider may hold (" + sizingPolicy.maxVcpusPerCapacityProvider() + "); split the function's"
                    + " traffic or pick a larger instance type");
        } else if (vcpus.compareTo(BigDecimal.valueOf(sizingPolicy.defaultMaxVcpuCount())) > 0) {
            out.add("the fleet needs " + vcpus.stripTrailingZeros().toPlainString() + " vCPUs, above the capacity"
                    + " provider's default MaxVCpuCount of " + sizingPolicy.defaultMaxVcpuCount()
                    + "; set MaxVCpuCount explicitly");
        }
        return out;
    }

    private static java.util.Optional<String> runtimeWarning(CostRequest request) {
        if (RuntimeFamily.isFamilyName(request.runtime()) || RuntimeFamily.isLmiRuntimeId(request.runtime())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("runtime " + request.runtime() + " does not run on LMI (it needs "
                + String.join(", ", new java.util.TreeSet<>(RuntimeFamily.LMI_RUNTIME_IDS))
                + "); the estimate assumes an upgrade to a supported version of the same family");
    }
}

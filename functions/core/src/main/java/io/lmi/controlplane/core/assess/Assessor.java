package io.lmi.controlplane.core.assess;

import io.lmi.controlplane.core.cost.Architecture;
import io.lmi.controlplane.core.cost.CostEngine;
import io.lmi.controlplane.core.cost.CostPolicy;
import io.lmi.controlplane.core.cost.CostReport;
import io.lmi.controlplane.core.cost.CostRequest;
import io.lmi.controlplane.core.cost.InvalidCostInputException;
import io.lmi.controlplane.core.cost.PriceBook;
import io.lmi.controlplane.core.cost.PriceTableException;
import io.lmi.controlplane.core.cost.SizingPolicy;
import io.lmi.controlplane.core.cost.SizingResult;
import io.lmi.controlplane.core.cost.UnknownInstanceTypeException;
import io.lmi.controlplane.core.cost.UnpricedRegionException;
import io.lmi.controlplane.core.cost.WorkloadProfile;
import io.lmi.controlplane.core.function.FunctionSnapshot;
import io.lmi.controlplane.core.recommend.LmiConfiguration;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The assessment engine: pure, thread-safe, no I/O beyond the price tables its {@link PriceBook} reads.
 *
 * <pre>{@code
 * Assessment a = Assessor.withDefaults(PriceBook.standard(dir)).assess(new AssessmentInput(id, now, "us-east-1",
 *         snapshot, triggers, history, AssessmentOptions.defaults(), snapshot.name() + "-lmi"));
 * }</pre>
 */
public final class Assessor {
    private final PriceBook prices;
    private final AssessmentPolicy policy;
    private final CostPolicy costPolicy;
    private final SizingPolicy sizingPolicy;
    private final CostEngine engine;
    private final CostEngine quickEngine;
    private final TrafficAnalyzer analyzer;
    private final ReadinessCheck readiness;
    private final Recommender recommender;
    private final VerdictRules rules;

    public Assessor(PriceBook prices, SizingPolicy sizingPolicy, CostPolicy costPolicy, AssessmentPolicy policy) {
        this.prices = Objects.requireNonNull(prices, "prices");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.costPolicy = Objects.requireNonNull(costPolicy, "costPolicy");
        this.sizingPolicy = Objects.requireNonNull(sizingPolicy, "sizingPolicy");
        this.engine = new CostEngine(prices, sizingPolicy, costPolicy);
        // The workload check only needs monthly figures; the break-even search is the slow part of an estimate.
        this.quickEngine = new CostEngine(prices, sizingPolicy, costPolicy.withBreakEven(false));
        this.analyzer = new TrafficAnalyzer(policy, costPolicy.secondsPerMonth().longValueExact());
        this.readiness = new ReadinessCheck(policy);
        this.recommender = new Recommender(policy);
        this.rules = new VerdictRules(policy);
    }

    public static Assessor withDefaults(PriceBook prices) {
        return new Assessor(prices, SizingPolicy.defaults(), CostPolicy.defaults(), AssessmentPolicy.defaults());
    }

    public AssessmentPolicy policy() {
        return policy;
    }

    public Assessment assess(AssessmentInput input) {
        FunctionSnapshot fn = input.function();
        AssessmentOptions options = input.options();
        WorkloadProfile workload = options.workload() != null ? options.workload() : policy.assumedWorkload();

        List<ReadinessItem> items = new ArrayList<>(readiness.placement(fn, input.region()));
        RuntimeSupport.Support runtime = RuntimeSupport.of(fn.runtime(), fn.isImage());
        items.add(readiness.runtime(runtime, options.allowRuntimeUpgrade()));
        ReadinessCheck.ArchitectureChoice architecture = readiness.architecture(fn);
        items.add(architecture.item());

        TrafficAnalyzer.Analysis analysis = analyzer.analyze(input.history());
        TrafficProfile traffic = analysis.profile();

        Costs costs = costs(input, traffic, runtime, architecture.architecture(), workload);
        Recommendation recommendation = recommendation(costs, traffic, runtime, options, architecture.architecture(),
                workload, fn);
        if (recommendation.isAvailable()) {
            Recommendation.Basis basis = recommendation.basis();
            int sustainable = basis.sustainableConcurrencyPerExecutionEnvironment();
            double floorCapacity = (double) recommendation.configuration().scaling().minExecutionEnvironments() * sustainable;
            traffic = traffic.withRise(RiseDetector.largest(analysis.concurrency(), traffic.observedFrom(),
                            traffic.periodSeconds(), policy, floorCapacity))
                    .withEnvironments(c -> recommender.environmentsFor(c, sustainable));
            items.add(memoryItem(fn, recommendation.configuration().function(), basis));
        }
        items.addAll(readiness.droppedFeatures(fn));
        items.add(readiness.codeReview(runtime.target() != null ? runtime.target() : fn.runtime()));
        ReadinessItem timeout = readiness.timeout(fn, traffic);
        if (timeout != null) {
            items.add(timeout);
        }
        items.addAll(readiness.triggers(input.triggers()));

        List<WorkloadProfile> flips = options.workload() == null && costs.summary() != null
                ? workloadsThatFlip(costs, input, traffic, runtime, architecture.architecture(), workload)
                : List.of();
        Verdict verdict = rules.decide(new VerdictRules.Signals(fn.name(), items, traffic, costs.summary(),
                costs.error(), flips, options.workload() == null));
        String sam = recommendation.isAvailable()
                ? SamSnippet.render(fn, recommendation.configuration(), input.lmiFunctionName()) : null;
        return new Assessment(Assessment.SCHEMA_VERSION, input.assessmentId(), input.assessedAt(),
                Assessment.FunctionSummary.of(fn, input.region()),
                new Assessment.Options(options.windowDays(), options.allowRuntimeUpgrade(), workload,
                        options.workload() == null),
                verdict, costs.summary(), items, input.triggers().stream().map(Assessment.TriggerView::of).toList(),
                recommendation, traffic, costs.lmi(), costs.current(), costs.error(), sam);
    }

    /**
     * The LMI report (recommended architecture), the as-configured report when that differs, and the summary; or,
     * without measured traffic, only {@code sizing}: the execution environment's shape and packing at zero volume, which
     * a forced migration still needs.
     */
    private record Costs(CostReport lmi, CostReport current, CostSummary summary, String error, CostReport sizing) {
        static Costs failed(String error) {
            return new Costs(null, null, null, error, null);
        }

        CostReport sizingReport() {
            return lmi != null ? lmi : sizing;
        }
    }

    private Costs costs(AssessmentInput input, TrafficProfile traffic, RuntimeSupport.Support runtime,
                        Architecture lmiArchitecture, WorkloadProfile workload) {
        String sizingRuntime = runtime.target() != null ? runtime.target() : input.function().runtime();
        if (sizingRuntime == null) {
            return Costs.failed("the runtime of a container image is not in its configuration, so its concurrency"
                    + " model (Java, Node.js, Python, .NET) is unknown; assess it with the runtime it was built on");
        }
        if (!traffic.hasTraffic() || traffic.avgDurationMs() == null) {
            String error = "there is no invocation with a duration to price";
            try {
                // The shape of an environment does not depend on volume; at zero volume the duration is never used.
                CostReport idle = quickEngine.estimate(CostRequest.builder().region(input.region()).requestsPerMonth(0)
                        .avgDurationMs(1).memoryMb(input.function().memoryMb()).architecture(lmiArchitecture)
                        .runtime(sizingRuntime).workload(workload).peakConcurrency(BigDecimal.ZERO).build());
                return new Costs(null, null, null, error, idle);
            } catch (InvalidCostInputException | UnpricedRegionException | UnknownInstanceTypeException
                     | PriceTableException e) {
                return Costs.failed(error + "; " + e.getMessage());
            }
        }
        try {
            CostReport lmi = engine.estimate(request(input, traffic, sizingRuntime, lmiArchitecture, workload));
            Architecture current = Architecture.fromId(input.function().architecture());
            // Only its Lambda lines are read (what the function costs as it is), so its break-even is not searched.
            CostReport asConfigured = current == lmiArchitecture ? null
                    : quickEngine.estimate(request(input, traffic, sizingRuntime, current, workload));
            return new Costs(lmi, asConfigured, CostSummary.of(asConfigured != null ? asConfigured : lmi, lmi, policy),
                    null, null);
        } catch (InvalidCostInputException | UnpricedRegionException | UnknownInstanceTypeException
                 | PriceTableException e) {
            return Costs.failed(e.getMessage());
        }
    }

    private CostRequest request(AssessmentInput input, TrafficProfile traffic, String runtime,
                                Architecture architecture, WorkloadProfile workload) {
        // Lambda bills whole milliseconds; an average below one cannot be priced as zero.
        BigDecimal duration = BigDecimal.valueOf(Math.max(1.0, traffic.avgDurationMs())).setScale(3, RoundingMode.HALF_UP);
        return CostRequest.builder()
                .region(input.region())
                .requestsPerMonth(traffic.requestsPerMonth())
                .avgDurationMs(duration)
                .memoryMb(input.function().memoryMb())
                .architecture(architecture)
                .runtime(runtime)
                .workload(workload)
                .peakConcurrency(traffic.peakConcurrency() == null ? null : BigDecimal.valueOf(traffic.peakConcurrency()))
                .build();
    }

    private Recommendation recommendation(Costs costs, TrafficProfile traffic, RuntimeSupport.Support runtime,
                                          AssessmentOptions options, Architecture architecture,
                                          WorkloadProfile workload, FunctionSnapshot fn) {
        switch (runtime.status()) {
            case NO_LMI_VERSION:
                return Recommendation.unavailable("no configuration: " + runtime.note());
            case UPGRADE_AVAILABLE:
                if (!options.allowRuntimeUpgrade()) {
                    return Recommendation.unavailable("no configuration: " + runtime.runtime() + " does not run on LMI;"
                            + " allow the runtime upgrade to " + runtime.target() + " to get one");
                }
                break;
            default:
                break;
        }
        CostReport sized = costs.sizingReport();
        if (sized == null || sized.lmi().sizing() == null) {
            return Recommendation.unavailable("no configuration: the function could not be sized ("
                    + (costs.error() == null ? "no sizing" : costs.error()) + ")");
        }
        SizingResult sizing = sized.lmi().sizing();
        int instanceVcpus = prices.forRegion(sized.region()).instanceType(sizing.instanceType()).vcpus();
        String lmiRuntime = runtime.status() == RuntimeSupport.Status.IN_IMAGE ? null : runtime.target();
        return recommender.recommend(sizing, instanceVcpus, traffic, architecture, lmiRuntime, workload,
                fn.memoryMb());
    }

    private ReadinessItem memoryItem(FunctionSnapshot fn, LmiConfiguration.Function f, Recommendation.Basis basis) {
        String shape = String.format(Locale.ROOT, "%d MB at %s GiB per vCPU: %d vCPU per execution environment, up to"
                        + " %d concurrent invocations", f.memoryMb(), BigDecimal.valueOf(f.memoryGiBPerVCpu())
                        .stripTrailingZeros().toPlainString(), basis.vcpusPerExecutionEnvironment(),
                f.perExecutionEnvironmentMaxConcurrency());
        if (fn.memoryMb() == f.memoryMb()) {
            return ReadinessItem.pass("MEMORY_OK", "memory stays " + shape);
        }
        return ReadinessItem.warn("MEMORY_RESIZED", "an LMI function needs at least " + sizingPolicy.minFunctionMemoryMb()
                        + " MB in whole vCPUs of its memory-to-vCPU ratio, and one environment serves many invocations:"
                        + " memory changes from " + fn.memoryMb() + " MB to " + shape,
                "size in-memory caches and connection pools for " + f.perExecutionEnvironmentMaxConcurrency()
                        + " concurrent invocations sharing one environment");
    }

    /** Workload profiles under which LMI's cost would fall on the other side of the savings threshold. */
    private List<WorkloadProfile> workloadsThatFlip(Costs costs, AssessmentInput input, TrafficProfile traffic,
                                                    RuntimeSupport.Support runtime, Architecture architecture,
                                                    WorkloadProfile assumed) {
        String sizingRuntime = runtime.target() != null ? runtime.target() : input.function().runtime();
        boolean base = favours(costs.summary().savingsShare());
        List<WorkloadProfile> flips = new ArrayList<>();
        for (WorkloadProfile other : WorkloadProfile.values()) {
            if (other == assumed) {
                continue;
            }
            try {
                CostReport report = quickEngine.estimate(request(input, traffic, sizingRuntime, architecture, other));
                BigDecimal lmi = CostSummary.lmiLine(report, policy.decisiveLmiOption()).monthlyUsd();
                BigDecimal share = CostSummary.share(costs.summary().decisiveLambdaMonthlyUsd(), lmi);
                if (favours(share == null ? null : share.movePointLeft(2)) != base) {
                    flips.add(other);
                }
            } catch (InvalidCostInputException | UnknownInstanceTypeException e) {
                // A workload this function cannot be sized for is not a way the verdict could flip.
            }
        }
        return flips;
    }

    private boolean favours(BigDecimal share) {
        return share != null && share.compareTo(policy.minSavingsShare()) >= 0;
    }
}

package io.lmi.controlplane.core.assess;

import static io.lmi.controlplane.core.assess.Functions.function;
import static io.lmi.controlplane.core.assess.Inputs.input;
import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.core.cost.CostPolicy;
import io.lmi.controlplane.core.cost.PriceBook;
import io.lmi.controlplane.core.cost.RuntimeFamily;
import io.lmi.controlplane.core.cost.SizingPolicy;
import io.lmi.controlplane.core.cost.WorkloadProfile;
import io.lmi.controlplane.core.recommend.LmiConfiguration;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.RepeatedTest;

/** Invariants of the engine over seeded random functions and traffic (one seed per repetition, reproducible). */
class AssessmentProperties {
    private static final AssessmentPolicy POLICY = AssessmentPolicy.defaults();
    private static final Assessor ASSESSOR = new Assessor(PriceBook.bundled(), SizingPolicy.defaults(),
            CostPolicy.defaults().withBreakEven(false), POLICY);
    private static final List<String> RUNTIMES = List.of("python3.13", "java21", "nodejs22.x", "dotnet8", "java17",
            "python3.9", "ruby3.3");
    private static final int[] MEMORY = {128, 256, 512, 1024, 1769, 2048, 3008, 4096, 6144, 10240};

    private record Case(Functions function, int observedDays, double base, double burst, int burstEvery,
                        double idleFraction, double durationMs, WorkloadProfile workload, boolean upgrade,
                        long seed) {
        MetricsHistory history(double scale) {
            Random noise = new Random(seed);
            IntToDoubleFunction rate = i -> {
                boolean idle = noise.nextDouble() < idleFraction;
                double r = i % burstEvery < 5 ? burst : base;
                return idle ? 0 : r * scale;
            };
            return Histories.history(14, observedDays, rate, durationMs);
        }
    }

    private static Case randomCase(long seed) {
        Random r = new Random(seed);
        Functions f = function().runtime(RUNTIMES.get(r.nextInt(RUNTIMES.size())))
                .memoryMb(MEMORY[r.nextInt(MEMORY.length)])
                .architecture(r.nextBoolean() ? "x86_64" : "arm64");
        if (r.nextInt(4) == 0) {
            f.layer("arn:aws:lambda:us-east-1:123456789012:layer:l:1", r.nextBoolean() ? "x86_64" : "arm64");
        }
        double base = r.nextInt(5) == 0 ? 0 : r.nextDouble() * 200;
        double burst = base * (1 + r.nextDouble() * (r.nextBoolean() ? 1 : 20));
        // Mostly full histories without idle gaps, so every row of the decision table is reached often.
        int observedDays = r.nextInt(4) == 0 ? 1 + r.nextInt(14) : 14;
        double idleFraction = r.nextInt(3) == 0 ? r.nextDouble() * 0.9 : 0;
        return new Case(f, observedDays, base, burst, 30 + r.nextInt(600), idleFraction, 5 + r.nextDouble() * 3000,
                WorkloadProfile.values()[r.nextInt(3)], r.nextBoolean(), seed);
    }

    private static Assessment assess(Case c, double scale) {
        return ASSESSOR.assess(input(c.function().build(), c.history(scale), List.of(),
                new AssessmentOptions(14, c.upgrade(), c.workload())));
    }

    @RepeatedTest(60)
    void theVerdictFollowsTheDecisionTable(RepetitionInfo repetition) {
        Case c = randomCase(1000L + repetition.getCurrentRepetition());
        Assessment a = assess(c, 1);
        TrafficProfile t = a.traffic();
        boolean blocked = a.readiness().stream().anyMatch(i -> i.status() == ReadinessStatus.BLOCK);

        assertThat(t.idleShare()).isBetween(0.0, 1.0);
        if (t.peakToMeanRatio() != null) {
            assertThat(t.peakToMeanRatio()).isGreaterThanOrEqualTo(0.999);
        }
        if (t.peakConcurrency() != null) {
            assertThat(t.highPercentileConcurrency()).isLessThanOrEqualTo(t.peakConcurrency());
        }
        Finding finding = a.verdict().finding();
        assertThat(finding == Finding.NOT_ELIGIBLE).isEqualTo(blocked);
        if (!blocked) {
            boolean insufficient = !t.hasTraffic() || t.observedDays() < POLICY.minObservedDays() || a.cost() == null;
            assertThat(finding == Finding.INSUFFICIENT_DATA).as("seed %d", c.seed()).isEqualTo(insufficient);
        }
        if (finding == Finding.INSUFFICIENT_DATA) {
            assertThat(a.verdict().confidence()).isEqualTo(Confidence.LOW);
        }
        if (finding == Finding.RECOMMEND_LMI) {
            assertThat(a.costSummary().savingsShare()).isGreaterThanOrEqualTo(POLICY.minSavingsShare());
            assertThat(a.verdict().reasonCodes()).contains(ReasonCode.LMI_CHEAPER, ReasonCode.STEADY_TRAFFIC)
                    .doesNotContain(ReasonCode.BURSTY_TRAFFIC, ReasonCode.LONG_IDLE_PERIODS,
                            ReasonCode.RISES_FASTER_THAN_LMI_SCALES);
            assertThat(a.recommendation().isAvailable()).isTrue();
        }
        assertThat(a.verdict().reasonCodes()).isNotEmpty().doesNotHaveDuplicates();
        assertThat(a.verdict().summary()).isNotBlank();
    }

    @RepeatedTest(60)
    void everyRecommendedConfigurationIsOneLmiAccepts(RepetitionInfo repetition) {
        Case c = randomCase(5000L + repetition.getCurrentRepetition());
        Assessment a = assess(c, 1);
        if (!a.recommendation().isAvailable()) {
            assertThat(a.samSnippet()).isNull();
            return;
        }
        LmiConfiguration config = a.recommendation().configuration();
        LmiConfiguration.Function f = config.function();
        assertThat(f.memoryMb()).isBetween(2048, AssessmentPolicy.MAX_LMI_MEMORY_MB);
        assertThat(f.memoryGiBPerVCpu()).isIn(2.0, 4.0, 8.0);
        assertThat(f.memoryMb() % (int) (f.memoryGiBPerVCpu() * 1024)).isZero();
        assertThat(f.perExecutionEnvironmentMaxConcurrency()).isBetween(1, AssessmentPolicy.MAX_CONCURRENCY_PER_ENVIRONMENT);
        assertThat(RuntimeFamily.isLmiRuntimeId(f.runtime())).as(f.runtime()).isTrue();
        assertThat(config.capacityProvider().maxVCpuCount()).isBetween(2, 15_000);
        assertThat(config.capacityProvider().architecture()).isIn("x86_64", "arm64");
        assertThat(config.capacityProvider().targetCpuUtilization() != null).isEqualTo(c.workload() == WorkloadProfile.CPU);
        assertThat(config.scaling().minExecutionEnvironments()).isGreaterThanOrEqualTo(3);
        if (a.traffic().hasTraffic()) {
            assertThat(config.scaling().maxExecutionEnvironments()).isGreaterThanOrEqualTo(config.scaling()
                    .minExecutionEnvironments());
        } else {
            assertThat(config.scaling().maxExecutionEnvironments()).isNull();
        }
        assertThat(a.samSnippet()).contains("MemorySize: " + f.memoryMb());
    }

    @RepeatedTest(40)
    void moreTrafficNeverLowersTheFloorTheCeilingOrTheLmiCost(RepetitionInfo repetition) {
        Case c = randomCase(9000L + repetition.getCurrentRepetition());
        Assessment low = assess(c, 1);
        Assessment high = assess(c, 2);
        if (!low.recommendation().isAvailable() || !high.recommendation().isAvailable() || !low.traffic().hasTraffic()) {
            return;
        }
        LmiConfiguration.Scaling a = low.recommendation().configuration().scaling();
        LmiConfiguration.Scaling b = high.recommendation().configuration().scaling();
        assertThat(b.minExecutionEnvironments()).isGreaterThanOrEqualTo(a.minExecutionEnvironments());
        assertThat(b.maxExecutionEnvironments()).isGreaterThanOrEqualTo(a.maxExecutionEnvironments());
        if (low.cost() == null || high.cost() == null) {
            return;
        }
        BigDecimal lowCost = low.cost().lmi().onDemand().monthlyUsd();
        assertThat(high.cost().lmi().onDemand().monthlyUsd()).isGreaterThanOrEqualTo(lowCost);
    }
}

package io.lmi.controlplane.core.assess;

import static io.lmi.controlplane.core.assess.Functions.function;
import static io.lmi.controlplane.core.assess.Inputs.input;
import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.core.cost.PriceBook;
import io.lmi.controlplane.core.cost.WorkloadProfile;
import io.lmi.controlplane.core.recommend.LmiConfiguration;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each row of the decision table, through the whole engine. */
class VerdictRulesTest {
    private static final Assessor ASSESSOR = Assessor.withDefaults(PriceBook.bundled());
    private static final AssessmentOptions BALANCED = AssessmentOptions.defaults().withWorkload(WorkloadProfile.BALANCED);

    private static Assessment assess(Functions f, MetricsHistory h) {
        return ASSESSOR.assess(input(f.build(), h, List.of(), BALANCED));
    }

    @Test
    void steadyHighVolumeTrafficThatCostsLessOnLmiIsRecommended() {
        Assessment a = assess(function(), Histories.steady(100, 400));

        assertThat(a.verdict().finding()).isEqualTo(Finding.RECOMMEND_LMI);
        assertThat(a.verdict().reasonCodes()).containsExactly(ReasonCode.LMI_CHEAPER, ReasonCode.STEADY_TRAFFIC,
                ReasonCode.HIGH_VOLUME);
        assertThat(a.verdict().confidence()).isEqualTo(Confidence.HIGH);
        assertThat(a.verdict().confidenceNotes()).isEmpty();
        assertThat(a.costSummary().savingsPercent()).isGreaterThan(BigDecimal.TEN);
        assertThat(a.verdict().summary()).startsWith("Move orders-api to LMI").contains("less");
    }

    @Test
    void burstyLowVolumeTrafficStaysOnLambda() {
        Assessment a = assess(function(), Histories.bursty(1, 150, 300));

        assertThat(a.verdict().finding()).isEqualTo(Finding.STAY_ON_LAMBDA);
        assertThat(a.verdict().reasonCodes()).startsWith(ReasonCode.LMI_MORE_EXPENSIVE)
                .contains(ReasonCode.LOW_VOLUME, ReasonCode.BURSTY_TRAFFIC, ReasonCode.RISES_FASTER_THAN_LMI_SCALES);
        assertThat(a.traffic().largestRise().eventsAboveLimit()).isGreaterThanOrEqualTo(3);
        assertThat(a.verdict().confidence()).isEqualTo(Confidence.HIGH);
    }

    @Test
    void anIdleFunctionStaysOnLambda() {
        Assessment a = assess(function(), Histories.idle(200));

        assertThat(a.verdict().finding()).isEqualTo(Finding.STAY_ON_LAMBDA);
        assertThat(a.verdict().reasonCodes()).startsWith(ReasonCode.LMI_MORE_EXPENSIVE)
                .contains(ReasonCode.LOW_VOLUME, ReasonCode.LONG_IDLE_PERIODS);
        assertThat(a.verdict().summary()).contains("times as much").contains("idle for long periods");
    }

    @Test
    void cheaperButBurstyStaysOnLambdaWithLowerConfidence() {
        // Memory-heavy invocations make Lambda dear; LMI priced for the bursts all month still costs less.
        Assessment a = assess(function().memoryMb(4096), Histories.bursty(100, 600, 2000));

        assertThat(a.costSummary().savingsPercent()).isGreaterThan(BigDecimal.TEN);
        assertThat(a.verdict().finding()).isEqualTo(Finding.STAY_ON_LAMBDA);
        assertThat(a.verdict().reasonCodes()).startsWith(ReasonCode.BURSTY_TRAFFIC).contains(ReasonCode.LMI_CHEAPER);
        assertThat(a.verdict().confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(a.verdict().confidenceNotes()).anyMatch(n -> n.contains("traffic pattern argues against it"));
    }

    @Test
    void cheaperOnlyWithACommitmentIsSaid() {
        Assessment a = assess(function(), Histories.steady(18, 400));

        assertThat(a.verdict().finding()).isEqualTo(Finding.STAY_ON_LAMBDA);
        assertThat(a.verdict().reasonCodes()).containsExactly(ReasonCode.LMI_MORE_EXPENSIVE,
                ReasonCode.LMI_CHEAPER_ONLY_WITH_COMMITMENT, ReasonCode.LOW_VOLUME);
        assertThat(a.costSummary().lmiSavingsPlan3yrMonthlyUsd())
                .isLessThan(a.costSummary().lambdaSavingsPlanMonthlyUsd());
    }

    @Test
    void aSavingBelowThePolicysMinimumStaysOnLambda() {
        Assessor strict = new Assessor(PriceBook.bundled(), io.lmi.controlplane.core.cost.SizingPolicy.defaults(),
                io.lmi.controlplane.core.cost.CostPolicy.defaults(),
                AssessmentPolicy.builder().minSavingsShare(new BigDecimal("0.50")).build());

        Assessment a = strict.assess(input(function().build(), Histories.steady(100, 400), List.of(), BALANCED));

        assertThat(a.verdict().finding()).isEqualTo(Finding.STAY_ON_LAMBDA);
        assertThat(a.verdict().reasonCodes()).startsWith(ReasonCode.SAVINGS_BELOW_THRESHOLD);
    }

    @Test
    void veryShortInvocationsAreNamed() {
        Assessment a = assess(function().memoryMb(128), Histories.steady(20, 20));

        assertThat(a.verdict().finding()).isEqualTo(Finding.STAY_ON_LAMBDA);
        assertThat(a.verdict().reasonCodes()).contains(ReasonCode.SHORT_DURATION, ReasonCode.LOW_VOLUME);
    }

    @Test
    void noInvocationAtAllIsInsufficientData() {
        Assessment a = assess(function(), Histories.history(14, 14, i -> 0, 100));

        assertThat(a.verdict().finding()).isEqualTo(Finding.INSUFFICIENT_DATA);
        assertThat(a.verdict().reasonCodes()).containsExactly(ReasonCode.NO_METRICS);
        assertThat(a.verdict().confidence()).isEqualTo(Confidence.LOW);
        assertThat(a.cost()).isNull();
        // A forced migration still needs a configuration: the production floor, no ceiling, the default cost ceiling.
        LmiConfiguration c = a.recommendation().configuration();
        assertThat(c.scaling()).isEqualTo(new LmiConfiguration.Scaling(3, null));
        assertThat(c.capacityProvider().maxVCpuCount()).isEqualTo(400);
        assertThat(c.function().memoryMb()).isGreaterThanOrEqualTo(2048);
        assertThat(a.recommendation().explanation().get(0)).startsWith("No traffic was measured");
        assertThat(a.traffic().largestRise()).isNull();
    }

    @Test
    void twoDaysOfHistoryIsInsufficient() {
        Assessment a = assess(function(), Histories.history(14, 2, i -> 100, 400));

        assertThat(a.verdict().finding()).isEqualTo(Finding.INSUFFICIENT_DATA);
        assertThat(a.verdict().reasonCodes()).containsExactly(ReasonCode.INSUFFICIENT_HISTORY);
        assertThat(a.verdict().summary()).contains("only 2.0 days");
        // The numbers are still there for whoever forces a migration.
        assertThat(a.cost()).isNotNull();
        assertThat(a.recommendation().isAvailable()).isTrue();
    }

    @Test
    void aRegionWithoutPricesIsInsufficientData() {
        Assessment a = ASSESSOR.assess(new AssessmentInput("asm-1", Histories.END, "eu-west-1", function().build(),
                List.of(), Histories.steady(100, 400), BALANCED, "orders-api-lmi"));

        assertThat(a.verdict().finding()).isEqualTo(Finding.INSUFFICIENT_DATA);
        assertThat(a.verdict().reasonCodes()).containsExactly(ReasonCode.COST_NOT_COMPUTABLE);
        assertThat(a.costError()).contains("eu-west-1");
        assertThat(a.recommendation().isAvailable()).isFalse();
    }

    @Test
    void anImageCannotBePricedWithoutItsRuntime() {
        Assessment a = assess(function().image("123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1"),
                Histories.steady(100, 400));

        assertThat(a.verdict().finding()).isEqualTo(Finding.INSUFFICIENT_DATA);
        assertThat(a.verdict().reasonCodes()).containsExactly(ReasonCode.COST_NOT_COMPUTABLE);
        assertThat(a.costError()).contains("container image");
    }

    @Test
    void anUnsupportedRuntimeWithoutUpgradeIsNotEligible() {
        Assessment a = assess(function().runtime("python3.9"), Histories.steady(100, 400));

        assertThat(a.verdict().finding()).isEqualTo(Finding.NOT_ELIGIBLE);
        assertThat(a.verdict().reasonCodes()).containsExactly(ReasonCode.RUNTIME_UPGRADE_REQUIRED);
        assertThat(a.verdict().confidence()).isEqualTo(Confidence.HIGH);
        assertThat(a.verdict().summary()).contains("python3.13");
        assertThat(a.recommendation().isAvailable()).isFalse();
        assertThat(a.recommendation().explanation().get(0)).contains("allow the runtime upgrade to python3.13");
        assertThat(a.samSnippet()).isNull();
    }

    @Test
    void theSameFunctionWithTheUpgradeAllowedIsJudgedAsUpgraded() {
        Assessment a = ASSESSOR.assess(input(function().runtime("python3.9").build(), Histories.steady(100, 400),
                List.of(), BALANCED.withRuntimeUpgrade(true)));

        assertThat(a.verdict().finding()).isEqualTo(Finding.RECOMMEND_LMI);
        assertThat(a.recommendation().configuration().function().runtime()).isEqualTo("python3.13");
        assertThat(a.readiness()).anySatisfy(i -> {
            assertThat(i.code()).isEqualTo("RUNTIME_UPGRADE");
            assertThat(i.status()).isEqualTo(ReadinessStatus.WARN);
        });
    }

    @Test
    void aRuntimeWithoutAnyLmiVersionIsNotEligibleEvenWithUpgradesAllowed() {
        Assessment a = ASSESSOR.assess(input(function().runtime("ruby3.3").build(), Histories.steady(100, 400),
                List.of(), BALANCED.withRuntimeUpgrade(true)));

        assertThat(a.verdict().finding()).isEqualTo(Finding.NOT_ELIGIBLE);
        assertThat(a.verdict().reasonCodes()).containsExactly(ReasonCode.RUNTIME_NOT_SUPPORTED);
        assertThat(a.cost()).isNull();
    }

    @Test
    void aFunctionAlreadyOnLmiOrInARegionWithoutItIsNotEligible() {
        Assessment onLmi = assess(function().onLmi("arn:aws:lambda:us-east-1:123456789012:capacity-provider:cp"),
                Histories.steady(100, 400));
        Assessment telAviv = ASSESSOR.assess(new AssessmentInput("asm-2", Histories.END, "il-central-1",
                function().build(), List.of(), Histories.steady(100, 400), BALANCED, "orders-api-lmi"));

        assertThat(onLmi.verdict().finding()).isEqualTo(Finding.NOT_ELIGIBLE);
        assertThat(onLmi.verdict().reasonCodes()).containsExactly(ReasonCode.ALREADY_ON_LMI);
        assertThat(telAviv.verdict().finding()).isEqualTo(Finding.NOT_ELIGIBLE);
        assertThat(telAviv.verdict().reasonCodes()).containsExactly(ReasonCode.REGION_NOT_SUPPORTED);
    }

    @Test
    void lessThanTwoWeeksOfHistoryLowersConfidence() {
        Assessment a = assess(function(), Histories.history(14, 10, i -> 100, 400));

        assertThat(a.verdict().finding()).isEqualTo(Finding.RECOMMEND_LMI);
        assertThat(a.verdict().confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(a.verdict().confidenceNotes()).singleElement().asString().contains("10.0 days");
    }

    @Test
    void aSavingCloseToTheThresholdLowersConfidence() {
        Assessor close = new Assessor(PriceBook.bundled(), io.lmi.controlplane.core.cost.SizingPolicy.defaults(),
                io.lmi.controlplane.core.cost.CostPolicy.defaults(),
                AssessmentPolicy.builder().minSavingsShare(new BigDecimal("0.20")).build());

        Assessment a = close.assess(input(function().build(), Histories.steady(100, 400), List.of(), BALANCED));

        assertThat(a.verdict().finding()).isEqualTo(Finding.RECOMMEND_LMI);
        assertThat(a.verdict().confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(a.verdict().confidenceNotes()).singleElement().asString().contains("within 10 points of the 20%");
    }

    @Test
    void anAssumedWorkloadThatWouldFlipTheCostLowersConfidenceAndSaysSo() {
        Assessment assumed = ASSESSOR.assess(input(function().build(), Histories.steady(100, 400)));

        assertThat(assumed.options().workloadAssumed()).isTrue();
        assertThat(assumed.options().workload()).isEqualTo(WorkloadProfile.BALANCED);
        assertThat(assumed.verdict().confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(assumed.verdict().confidenceNotes()).singleElement().asString()
                .contains("cpu-bound").contains("give the workload");
    }

    @Test
    void heavyThrottlingLowersConfidence() {
        MetricsHistory base = Histories.steady(100, 400);
        List<MetricsHistory.Point> throttled = base.points().stream().map(p -> new MetricsHistory.Point(p.at(),
                p.invocations(), p.errors(), p.invocations() * 0.05, p.avgDurationMs(), p.p99DurationMs(),
                p.maxConcurrency())).toList();

        Assessment a = assess(function(), new MetricsHistory(base.start(), base.end(), 60, throttled,
                base.windowP99DurationMs()));

        assertThat(a.traffic().throttleRate()).isEqualTo(0.048);
        assertThat(a.verdict().confidenceNotes()).anyMatch(n -> n.contains("understates demand"));
    }
}

package io.lmi.controlplane.core.assess;

import static io.lmi.controlplane.core.assess.Functions.function;
import static io.lmi.controlplane.core.assess.Inputs.input;
import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.core.cost.PriceBook;
import io.lmi.controlplane.core.cost.SizingResult;
import io.lmi.controlplane.core.cost.WorkloadProfile;
import io.lmi.controlplane.core.recommend.LmiConfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecommendationTest {
    private static final Assessor ASSESSOR = Assessor.withDefaults(PriceBook.bundled());
    private static final AssessmentPolicy POLICY = AssessmentPolicy.defaults();

    private static Assessment assess(Functions f, MetricsHistory h, WorkloadProfile workload) {
        return ASSESSOR.assess(input(f.build(), h, List.of(), AssessmentOptions.defaults().withWorkload(workload)));
    }

    @Test
    void theShapeComesFromTheCostEnginesSizing() {
        Assessment a = assess(function().memoryMb(1024), Histories.steady(100, 400), WorkloadProfile.BALANCED);

        SizingResult sizing = a.cost().lmi().sizing();
        LmiConfiguration.Function f = a.recommendation().configuration().function();
        assertThat(f.memoryGiBPerVCpu()).isEqualTo(sizing.memoryGiBPerVcpu().doubleValue());
        assertThat(f.memoryMb()).isEqualTo(sizing.vcpusPerEnvironment() * (int) f.memoryGiBPerVCpu() * 1024)
                .isGreaterThanOrEqualTo(2048);
        assertThat(f.memoryMb() % (int) (f.memoryGiBPerVCpu() * 1024)).isZero();
        assertThat(f.perExecutionEnvironmentMaxConcurrency()).isEqualTo(sizing.sustainableConcurrencyPerEnvironment());
        assertThat(f.runtime()).isEqualTo("python3.13");
        assertThat(a.recommendation().configuration().capacityProvider().targetCpuUtilization()).isNull();
        assertThat(a.recommendation().configuration().capacityProvider().allowedInstanceTypes()).isEmpty();
    }

    @Test
    void theFloorCoversTheHighPercentileAndTheCeilingTwiceThePeak() {
        Assessment a = assess(function(), Histories.steady(100, 400), WorkloadProfile.BALANCED);

        LmiConfiguration.Scaling s = a.recommendation().configuration().scaling();
        int perEnvironment = a.recommendation().basis().sustainableConcurrencyPerExecutionEnvironment();
        double p95 = a.traffic().highPercentileConcurrency();
        double peak = a.traffic().peakConcurrency();
        assertThat(s.minExecutionEnvironments()).isEqualTo((int) Math.ceil(p95 / (perEnvironment * 2.0 / 3.0)));
        assertThat(s.maxExecutionEnvironments()).isEqualTo((int) Math.ceil(peak * 2 / perEnvironment));
        assertThat(s.maxExecutionEnvironments()).isGreaterThanOrEqualTo(s.minExecutionEnvironments());
        // The floor never needs more instances than the estimate priced for the same traffic.
        int perInstance = a.recommendation().basis().executionEnvironmentsPerInstance();
        assertThat((s.minExecutionEnvironments() + perInstance - 1) / perInstance)
                .isLessThanOrEqualTo((int) a.cost().lmi().instances().doubleValue());
    }

    @Test
    void maxVCpuCountHoldsTheCeilingsInstancesRoundedToTheStep() {
        Assessment a = assess(function(), Histories.steady(100, 400), WorkloadProfile.BALANCED);

        Recommendation.Basis b = a.recommendation().basis();
        int max = a.recommendation().configuration().scaling().maxExecutionEnvironments();
        int instances = (max + b.executionEnvironmentsPerInstance() - 1) / b.executionEnvironmentsPerInstance();
        int vcpus = a.recommendation().configuration().capacityProvider().maxVCpuCount();
        assertThat(vcpus % POLICY.maxVCpuCountStep()).isZero();
        assertThat(vcpus).isGreaterThanOrEqualTo(instances * b.instanceVcpus())
                .isLessThan(instances * b.instanceVcpus() + POLICY.maxVCpuCountStep());
    }

    @Test
    void anIdleFunctionGetsTheProductionMinimum() {
        Assessment a = assess(function(), Histories.idle(200), WorkloadProfile.BALANCED);

        assertThat(a.recommendation().configuration().scaling().minExecutionEnvironments()).isEqualTo(3);
        assertThat(a.recommendation().explanation()).anyMatch(e -> e.contains("never below 3"));
    }

    @Test
    void ioBoundFunctionsTakeAsManyInvocationsAsTheirMemoryAllows() {
        Assessment a = assess(function().runtime("nodejs22.x").memoryMb(256), Histories.steady(100, 400),
                WorkloadProfile.IO);

        SizingResult sizing = a.cost().lmi().sizing();
        assertThat(a.recommendation().configuration().function().perExecutionEnvironmentMaxConcurrency())
                .isEqualTo(sizing.concurrencyPerVcpuByMemory() * sizing.vcpusPerEnvironment())
                .isGreaterThan(sizing.sustainableConcurrencyPerEnvironment());
    }

    @Test
    void cpuBoundFunctionsGetACpuTargetAndComputeInstances() {
        Assessment a = assess(function().runtime("java21"), Histories.steady(100, 400), WorkloadProfile.CPU);

        LmiConfiguration c = a.recommendation().configuration();
        assertThat(c.capacityProvider().targetCpuUtilization()).isEqualTo(50.0);
        assertThat(c.function().memoryGiBPerVCpu()).isEqualTo(2.0);
        assertThat(c.function().perExecutionEnvironmentMaxConcurrency()).isEqualTo(2 * a.recommendation().basis()
                .vcpusPerExecutionEnvironment());
        assertThat(a.cost().lmi().sizing().familyClass()).isEqualTo("c");
        assertThat(a.recommendation().explanation()).anyMatch(e -> e.contains("Manual with a 50% CPU target"));
    }

    @Test
    void theRiseIsMeasuredAgainstWhatTheFloorHolds() {
        Assessment a = assess(function(), Histories.steady(100, 400), WorkloadProfile.BALANCED);

        int floor = a.recommendation().configuration().scaling().minExecutionEnvironments()
                * a.recommendation().basis().sustainableConcurrencyPerExecutionEnvironment();
        assertThat(a.traffic().largestRise().baselineConcurrency()).isGreaterThanOrEqualTo(floor);
        assertThat(a.traffic().weeklyShape()).allSatisfy(h -> assertThat(h.executionEnvironments()).isNotNull()
                .isGreaterThanOrEqualTo(3));
    }

    @Test
    void aRequestsFloorAndCeilingReplaceTheRecommendedOnes() {
        Recommendation r = assess(function(), Histories.steady(100, 400), WorkloadProfile.BALANCED).recommendation();

        Recommendation both = r.withScaling(5, 400, POLICY);
        assertThat(both.configuration().scaling()).isEqualTo(new LmiConfiguration.Scaling(5, 400));
        assertThat(both.configuration().capacityProvider().maxVCpuCount())
                .isEqualTo(Recommender.maxVCpuCount(400, r.basis(), POLICY))
                .isGreaterThan(r.configuration().capacityProvider().maxVCpuCount());
        assertThat(both.configuration().function()).isEqualTo(r.configuration().function());
        assertThat(both.explanation().get(both.explanation().size() - 1)).contains("The request set the scaling");

        int recommendedMax = r.configuration().scaling().maxExecutionEnvironments();
        Recommendation highFloor = r.withScaling(recommendedMax + 10, null, POLICY);
        assertThat(highFloor.configuration().scaling()).isEqualTo(
                new LmiConfiguration.Scaling(recommendedMax + 10, recommendedMax + 10));

        int recommendedMin = r.configuration().scaling().minExecutionEnvironments();
        Recommendation lowCeiling = r.withScaling(null, recommendedMin - 5, POLICY);
        assertThat(lowCeiling.configuration().scaling()).isEqualTo(
                new LmiConfiguration.Scaling(recommendedMin - 5, recommendedMin - 5));
        assertThat(lowCeiling.configuration().capacityProvider().maxVCpuCount())
                .isEqualTo(r.configuration().capacityProvider().maxVCpuCount());

        assertThat(r.withScaling(null, null, POLICY)).isSameAs(r);
        assertThat(Recommendation.unavailable("x").withScaling(3, 4, POLICY).isAvailable()).isFalse();
    }

    @Test
    void maxVCpuCountStaysWithinTheApiRange() {
        Recommendation.Basis basis = new Recommendation.Basis("m7g.xlarge", 4, 3, 1, 4, 1, 1);

        assertThat(Recommender.maxVCpuCount(1, basis, POLICY)).isEqualTo(4);
        assertThat(Recommender.maxVCpuCount(1_000_000, basis, POLICY)).isEqualTo(15_000);
        Recommendation.Basis tiny = new Recommendation.Basis("x.small", 1, 1, 1, 1, 1, 1);
        assertThat(Recommender.maxVCpuCount(1, tiny,
                AssessmentPolicy.builder().maxVCpuCountStep(1).build())).isEqualTo(2);
    }
}

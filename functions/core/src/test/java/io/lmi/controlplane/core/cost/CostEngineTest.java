package io.lmi.controlplane.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostEngineTest {
    private final CostEngine engine = CostEngine.withDefaults(PriceBook.bundled());

    private static CostRequest.Builder shape() {
        return CostRequest.builder().runtime("java21").memoryMb(1024).avgDurationMs(200)
                .requestsPerMonth(300_000_000L).architecture(Architecture.ARM64).workload(WorkloadProfile.BALANCED);
    }

    @Test
    void reportsEverySavingsOptionOfThePolicyWithTheFeeOnTheOnDemandPrice() {
        CostReport r = engine.estimate(shape().build());

        assertThat(r.lambda().savings()).extracting(CostReport.LambdaLine::id).containsExactly("computeSavingsPlan");
        assertThat(r.lmi().savings()).extracting(CostReport.LmiLine::id).containsExactly("computeSavingsPlan1yr",
                "computeSavingsPlan3yr", "ec2InstanceSavingsPlan1yr", "reservedInstance3yr");
        BigDecimal ec2OnDemand = r.lmi().onDemand().ec2Usd();
        for (CostReport.LmiLine line : r.lmiLines()) {
            assertThat(line.managementFeeUsd()).isEqualByComparingTo(ec2OnDemand.multiply(new BigDecimal("0.15")));
            assertThat(line.requestsUsd()).isEqualByComparingTo("60");
            assertThat(line.ec2Usd()).isEqualByComparingTo(
                    ec2OnDemand.multiply(BigDecimal.ONE.subtract(line.discountRate())));
            assertThat(line.monthlyUsd()).isEqualByComparingTo(
                    line.ec2Usd().add(line.managementFeeUsd()).add(line.requestsUsd()));
            assertThat(line.annualUsd()).isEqualByComparingTo(line.monthlyUsd().multiply(BigDecimal.valueOf(12)));
            assertThat(line.savingsVsLambdaOnDemandUsd()).isEqualByComparingTo(
                    r.lambda().onDemand().monthlyUsd().subtract(line.monthlyUsd()));
        }
        CostReport.LambdaLine sp = r.lambda().savings().get(0);
        assertThat(sp.requestsUsd()).isEqualByComparingTo(r.lambda().onDemand().requestsUsd());
        assertThat(sp.durationUsd()).isEqualByComparingTo(
                r.lambda().onDemand().durationUsd().multiply(new BigDecimal("0.88")));
        assertThat(sp.savingsVsLambdaOnDemandPercent()).isPositive();
    }

    @Test
    void customRatesAddEntries() {
        CostReport r = engine.estimate(shape().extraSavingsOptions(List.of(
                SavingsOption.customLambda(new BigDecimal("0.17")),
                SavingsOption.customEc2(new BigDecimal("0.72")))).build());

        assertThat(r.lambda().savings()).extracting(CostReport.LambdaLine::id)
                .containsExactly("computeSavingsPlan", "customLambdaDiscount");
        assertThat(r.lmi().savings()).extracting(CostReport.LmiLine::id).endsWith("customEc2Discount");
        CostReport.LmiLine custom = r.lmi().savings().get(r.lmi().savings().size() - 1);
        assertThat(custom.discountRate()).isEqualByComparingTo("0.72");
        assertThat(custom.name()).contains("72%");
    }

    @Test
    void theFixedFleetOverridesReplaceSizingButKeepItForComparison() {
        CostReport sized = engine.estimate(shape().build());
        CostReport fixed = engine.estimate(shape().instances(4).build());
        CostReport hours = engine.estimate(shape().instanceType("m7g.2xlarge").instanceHours(new BigDecimal("1000"))
                .build());

        assertThat(sized.lmi().capacitySource()).isEqualTo("sized");
        assertThat(fixed.lmi().capacitySource()).isEqualTo("instances");
        assertThat(fixed.lmi().instanceType()).isEqualTo(sized.lmi().instanceType());
        assertThat(fixed.lmi().instances()).isEqualByComparingTo("4");
        assertThat(fixed.lmi().instanceHours()).isEqualByComparingTo("2920");
        assertThat(fixed.lmi().sizing()).isEqualTo(sized.lmi().sizing());
        assertThat(hours.lmi().instanceType()).isEqualTo("m7g.2xlarge");
        assertThat(hours.lmi().onDemand().ec2Usd()).isEqualByComparingTo("326.40");
        assertThat(hours.lmi().breakEvenSearchLimitRequestsPerMonth()).isNull();
    }

    @Test
    void aMeasuredPeakReplacesLittlesLaw() {
        CostReport r = engine.estimate(shape().peakConcurrency(new BigDecimal("400")).build());

        assertThat(r.lmi().sizing().targetConcurrencyBasis()).isEqualTo("measured-peak");
        assertThat(r.lmi().sizing().targetConcurrency()).isEqualByComparingTo("400");
        assertThat(r.lmi().sizing().peakToAverageFactor()).isNull();
        // 400 / (4 per vCPU x 1 vCPU) = 100 environments.
        assertThat(r.lmi().sizing().environmentsNeeded()).isEqualTo(100);
    }

    @Test
    void errorsNameWhatIsWrong() {
        assertThatThrownBy(() -> engine.estimate(shape().region("eu-west-1").build()))
                .isInstanceOf(UnpricedRegionException.class).hasMessageContaining("eu-west-1");
        assertThatThrownBy(() -> engine.estimate(shape().instanceType("m7g.huge").build()))
                .isInstanceOf(UnknownInstanceTypeException.class).hasMessageContaining("m7g.huge");
        assertThatThrownBy(() -> engine.estimate(shape().instanceType("m7i.large").instances(3).build()))
                .isInstanceOf(InvalidCostInputException.class).hasMessageContaining("m7i.large is x86_64");
    }

    @Test
    void warningsPointAtWhatToCheck() {
        CostReport old = engine.estimate(shape().runtime("java17").build());
        assertThat(old.warnings()).anyMatch(w -> w.contains("java17 does not run on LMI"));
        CostReport big = engine.estimate(shape().requestsPerMonth(20_000_000_000L).build());
        assertThat(big.warnings()).anyMatch(w -> w.contains("MaxVCpuCount"));
        assertThat(engine.estimate(shape().build()).warnings()).isEmpty();
    }

    @Test
    void freeTierIsOffByDefaultAndOnWhenAsked() {
        CostRequest small = shape().requestsPerMonth(500_000).memoryMb(128).avgDurationMs(10).build();
        assertThat(engine.estimate(small).lambda().onDemand().monthlyUsd()).isPositive();
        CostEngine withFree = new CostEngine(PriceBook.bundled(), SizingPolicy.defaults(),
                CostPolicy.defaults().withLambdaFreeTier(true));
        CostReport r = withFree.estimate(small);
        assertThat(r.lambda().onDemand().monthlyUsd()).isEqualByComparingTo("0");
        assertThat(r.lambda().onDemand().savingsVsLambdaOnDemandPercent()).isNull();
        assertThat(r.input().lambdaFreeTierIncluded()).isTrue();
    }
}

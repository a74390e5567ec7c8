package io.lmi.controlplane.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Against the bundled us-east-1 table (prices as of 2026-07-20): m7i.* at $0.2016 per vCPU-pair-hour, fee 15%. */
class InstanceHourQuoteTest {
    private static final PriceBook BUNDLED = PriceBook.bundled();

    private static InstanceHourQuote quote(int memoryMb, Architecture arch, String pinned, SizingPolicy policy) {
        return InstanceHourQuote.of(new InstanceHourQuote.Function("us-east-1", RuntimeFamily.JAVA,
                WorkloadProfile.BALANCED, memoryMb, arch, pinned), BUNDLED, policy);
    }

    @Test
    void unpinned_picksTheSizeWithTheCheapestEnvironmentHour() {
        // 2048 MB on m (4 GiB/vCPU): two invocations' memory per vCPU, so 4096 MB and 1 vCPU per environment.
        // m7i.4xlarge holds min((16-1)/1, (65536-1024)/4096) = 15 of them at 0.8064 x 1.15 = 0.92736 an hour,
        // 0.0618 per environment-hour, less than the 2xlarge (7 for 0.46368) or the xlarge (3 for 0.23184).
        InstanceHourQuote q = quote(2048, Architecture.X86_64, null, SizingPolicy.defaults());

        assertThat(q.instanceType()).isEqualTo("m7i.4xlarge");
        assertThat(q.environmentsPerInstance()).isEqualTo(15);
        assertThat(q.onDemandHourlyUsd()).isEqualByComparingTo("0.8064");
        assertThat(q.usdPerInstanceHour()).isEqualByComparingTo("0.92736");
        assertThat(q.priceOrigin()).contains("bundled");
    }

    @Test
    void pinned_usesThatRow() {
        InstanceHourQuote q = quote(2048, Architecture.X86_64, "m7i.xlarge", SizingPolicy.defaults());

        assertThat(q.environmentsPerInstance()).isEqualTo(3);
        assertThat(q.usdPerInstanceHour()).isEqualByComparingTo("0.23184");
    }

    @Test
    void memoryPerVcpuOverride_changesTheShape() {
        // At 2 GiB/vCPU a 2048 MB environment needs 1 vCPU and 2048 MB: m7g.xlarge holds min(3, (16384-1024)/2048=7).
        SizingPolicy ratio2 = SizingPolicy.builder().memoryGiBPerVcpuOverride(new BigDecimal("2")).build();
        InstanceHourQuote q = quote(2048, Architecture.ARM64, "m7g.xlarge", ratio2);

        assertThat(q.shape().functionMemoryMb()).isEqualTo(2048);
        assertThat(q.environmentsPerInstance()).isEqualTo(3);
        assertThat(q.usdPerInstanceHour()).isEqualByComparingTo(new BigDecimal("0.1632").multiply(new BigDecimal("1.15")));
    }

    @Test
    void wrongArchitectureOrMemory_isRefusedNamingTheField() {
        assertThatThrownBy(() -> quote(2048, Architecture.ARM64, "m7i.xlarge", SizingPolicy.defaults()))
                .isInstanceOfSatisfying(InvalidCostInputException.class,
                        e -> assertThat(e.field()).isEqualTo(CostField.INSTANCE_TYPE));
        assertThatThrownBy(() -> quote(64, Architecture.X86_64, null, SizingPolicy.defaults()))
                .isInstanceOfSatisfying(InvalidCostInputException.class,
                        e -> assertThat(e.field()).isEqualTo(CostField.MEMORY_MB));
    }
}

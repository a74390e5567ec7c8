package io.lmi.controlplane.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class LmiSizerTest {
    private static final PriceTable T = PriceBook.bundled().forRegion("us-east-1");
    private static final CostPolicy COSTS = CostPolicy.defaults();
    private final LmiSizer sizer = new LmiSizer(SizingPolicy.defaults(), COSTS.hoursPerMonth());

    private static LmiSizer.Request request(String runtime, WorkloadProfile workload, int memoryMb, Architecture arch,
            long peak, String pinned) {
        return new LmiSizer.Request(RuntimeFamily.parse(runtime), workload, memoryMb, arch,
                ConcurrencyModel.measuredPeak(BigDecimal.valueOf(peak), 1_000_000), 1_000_000, pinned);
    }

    @Test
    void familyFollowsWorkloadArchitectureAndMemory() {
        assertThat(sizer.size(request("java", WorkloadProfile.CPU, 1024, Architecture.ARM64, 10, null), T)
                .instanceType()).startsWith("c7g.");
        assertThat(sizer.size(request("java", WorkloadProfile.BALANCED, 1024, Architecture.ARM64, 10, null), T)
                .instanceType()).startsWith("m7g.");
        assertThat(sizer.size(request("java", WorkloadProfile.IO, 1024, Architecture.X86_64, 10, null), T)
                .instanceType()).startsWith("m7i.");
        assertThat(sizer.size(request("java", WorkloadProfile.CPU, 8192, Architecture.X86_64, 10, null), T)
                .instanceType()).startsWith("r7i.");
        // Exactly at the threshold is not memory-heavy.
        assertThat(sizer.familyClassFor(WorkloadProfile.CPU, 4096)).isEqualTo("c");
        assertThat(sizer.familyClassFor(WorkloadProfile.CPU, 4097)).isEqualTo("r");
    }

    @Test
    void policyChangesTheFamilyAndGeneration() {
        LmiSizer graviton4 = new LmiSizer(SizingPolicy.builder()
                .familyGeneration(Architecture.ARM64, "8g").familyClass(WorkloadProfile.IO, "c").build(), 730);
        assertThat(graviton4.size(request("nodejs", WorkloadProfile.IO, 512, Architecture.ARM64, 10, null), T)
                .instanceType()).startsWith("c8g.");
    }

    @Test
    void theNodeRuntimeCapLimitsMemoryConcurrencyNotTheWorkloadRate() {
        // Python 128 MB on m (4 GiB per vCPU): floor(4096 / 128) = 32, capped at 16; function memory 2048.
        ExecutionEnvironmentShape python = sizer.shape(RuntimeFamily.PYTHON, WorkloadProfile.IO, 128,
                new BigDecimal("4"));
        assertThat(python.concurrencyPerVcpuByMemory()).isEqualTo(16);
        assertThat(python.functionMemoryMb()).isEqualTo(2048);
        assertThat(python.sustainableConcurrencyPerVcpu()).isEqualTo(8);

        SizingPolicy lowCap = SizingPolicy.builder().runtimeConcurrencyCap(RuntimeFamily.PYTHON, 4).build();
        ExecutionEnvironmentShape capped = new LmiSizer(lowCap, 730).shape(RuntimeFamily.PYTHON, WorkloadProfile.IO,
                128, new BigDecimal("4"));
        assertThat(capped.sustainableConcurrencyPerVcpu()).isEqualTo(4);
    }

    @Test
    void aLargeFunctionNeedsSeveralVcpusPerEnvironment() {
        // 10,240 MB on c (2 GiB per vCPU): memory concurrency 1, function memory 10,240, ceil(10240 / 2048) = 5 vCPUs.
        ExecutionEnvironmentShape shape = sizer.shape(RuntimeFamily.JAVA, WorkloadProfile.CPU, 10_240,
                new BigDecimal("2"));
        assertThat(shape.vcpusPerEnvironment()).isEqualTo(5);
        assertThat(shape.sustainableConcurrencyPerEnvironment()).isEqualTo(10);
        assertThat(sizer.environmentsPerInstance(T.instanceType("c7g.2xlarge"), shape)).hasValue(1);
        assertThat(sizer.environmentsPerInstance(T.instanceType("c7g.xlarge"), shape)).isEmpty();
    }

    @Test
    void aPinnedTypeReplacesTheChoiceButMustFit() {
        SizingResult pinned = sizer.size(request("java", WorkloadProfile.CPU, 1024, Architecture.ARM64, 10,
                "m7g.4xlarge"), T);
        assertThat(pinned.instanceType()).isEqualTo("m7g.4xlarge");
        assertThat(pinned.memoryGiBPerVcpu()).isEqualByComparingTo("4");
        assertThat(pinned.familyClassReason()).isEqualTo("instance type given");

        assertThatThrownBy(() -> sizer.size(request("java", WorkloadProfile.CPU, 10_240, Architecture.ARM64, 10,
                "c7g.large"), T))
                .isInstanceOf(InvalidCostInputException.class)
                .hasMessageContaining("c7g.large").hasMessageContaining("cannot hold one execution environment")
                .extracting(e -> ((InvalidCostInputException) e).field()).isEqualTo(CostField.INSTANCE_TYPE);
        assertThatThrownBy(() -> sizer.size(request("java", WorkloadProfile.CPU, 1024, Architecture.X86_64, 10,
                "c7g.large"), T))
                .isInstanceOf(InvalidCostInputException.class)
                .hasMessageContaining("c7g.large is arm64 but the function is x86_64");
        assertThatThrownBy(() -> sizer.size(request("java", WorkloadProfile.CPU, 1024, Architecture.ARM64, 10,
                "c7g.metal"), T))
                .isInstanceOf(UnknownInstanceTypeException.class).hasMessageContaining("c7g.metal");
    }

    @Test
    void aFamilyWithNoPricedSizeIsAnError() {
        LmiSizer g9 = new LmiSizer(SizingPolicy.builder().familyGeneration(Architecture.ARM64, "9g").build(), 730);
        assertThatThrownBy(() -> g9.size(request("java", WorkloadProfile.CPU, 1024, Architecture.ARM64, 10, null), T))
                .isInstanceOf(UnknownInstanceTypeException.class).hasMessageContaining("c9g");
    }

    @Test
    void theFloorIsMinInstancesTimesTheBuffer() {
        assertThat(sizer.finalInstances(sizer.baseInstances(0, 3))).isEqualTo(5);
        LmiSizer noAz = new LmiSizer(SizingPolicy.builder().minInstances(1).scalingBuffer(BigDecimal.ONE).build(), 730);
        assertThat(noAz.finalInstances(noAz.baseInstances(0, 3))).isEqualTo(1);
        assertThat(noAz.finalInstances(noAz.baseInstances(7, 3))).isEqualTo(3);
    }

    @Test
    void tiesGoToTheSmallerSize() {
        // At the floor (1 environment) every size needs 5 instances, so the smallest is cheapest.
        SizingResult r = sizer.size(request("java", WorkloadProfile.CPU, 1024, Architecture.ARM64, 1, null), T);
        assertThat(r.instanceType()).isEqualTo("c7g.large");
        SizingPolicy flat = SizingPolicy.builder().reservedVcpusPerInstance(0).reservedMemoryMbPerInstance(0)
                .minInstances(1).scalingBuffer(BigDecimal.ONE).build();
        // Without OS reservations, a minimum or a buffer, 16 one-vCPU environments need 16 vCPUs on any size:
        // 8 x large = 4 x xlarge = 2 x 2xlarge = 1 x 4xlarge = 0.58/h x 730 = 423.40.
        SizingResult tie = new LmiSizer(flat, 730).size(request("java", WorkloadProfile.CPU, 1024,
                Architecture.ARM64, 32, null), T);
        assertThat(tie.candidates()).extracting(SizingResult.Candidate::onDemandEc2MonthlyUsd)
                .usingElementComparator(BigDecimal::compareTo).containsOnly(new BigDecimal("423.40"));
        assertThat(tie.instanceType()).isEqualTo("c7g.large");
    }
}

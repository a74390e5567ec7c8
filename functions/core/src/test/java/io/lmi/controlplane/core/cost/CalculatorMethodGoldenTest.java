package io.lmi.controlplane.core.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AWS LMI pricing calculator's method on its own examples: the ten cases of
 * aws-samples/sample-aws-lambda-managed-instances tools/pricing-calculator/tests/test-cases.json (capacity and LMI cost;
 * the calculator prints JavaScript doubles such as 1481.8999999999999, the exact values are asserted here), then three
 * cases derived by hand with the engine choosing the instance type itself.
 *
 * <p>The calculator takes the target concurrency as an input, which is the engine's measured peak concurrency, and
 * runs on c7g.xlarge with its default ratio of 2 GiB per vCPU, which is the engine's ratio for the c family. The
 * calculator's self-managed EC2 column and suitability score are not part of this engine; its standard Lambda figure
 * is not compared either, because it prices duration from a rounded per-millisecond price ($0.0000136 per GB-s on
 * arm64) where the engine uses the published GB-second tiers ($0.0000133334).
 */
class CalculatorMethodGoldenTest {

    record Case(String name, int targetConcurrency, long requests, WorkloadProfile workload, int minInstances,
            int sustainablePerEnv, long envsNeeded, long baseInstances, long instances,
            String ec2, String fee, String requestsUsd, String total, String sp1Ec2, String sp1Total, String sp3Ec2,
            String sp3Total) {}

    static Stream<Arguments> calculatorCases() {
        return Stream.of(
                new Case("Basic Calculation", 100, 1_000_000, WorkloadProfile.BALANCED, 3, 4, 25, 9, 14,
                        "1481.90", "222.285", "0.20", "1704.385", "1007.692", "1230.177", "518.665", "741.15"),
                new Case("IO-Heavy Workload", 100, 1_000_000, WorkloadProfile.IO, 3, 8, 13, 5, 8,
                        "846.80", "127.02", "0.20", "974.02", "575.824", "703.044", "296.38", "423.60"),
                new Case("CPU-Heavy Workload", 100, 1_000_000, WorkloadProfile.CPU, 3, 2, 50, 17, 26,
                        "2752.10", "412.815", "0.20", "3165.115", "1871.428", "2284.443", "963.235", "1376.25"),
                new Case("High Volume with Compute SP 1yr", 100, 10_000_000, WorkloadProfile.BALANCED, 3, 4, 25, 9, 14,
                        "1481.90", "222.285", "2", "1706.185", "1007.692", "1231.977", "518.665", "742.95"),
                new Case("Compute SP 3yr", 100, 10_000_000, WorkloadProfile.BALANCED, 3, 4, 25, 9, 14,
                        "1481.90", "222.285", "2", "1706.185", "1007.692", "1231.977", "518.665", "742.95"),
                new Case("EC2 Packing Efficiency 50%", 100, 1_000_000, WorkloadProfile.BALANCED, 3, 4, 25, 9, 14,
                        "1481.90", "222.285", "0.20", "1704.385", "1007.692", "1230.177", "518.665", "741.15"),
                new Case("EC2 Packing Efficiency 80%", 100, 1_000_000, WorkloadProfile.BALANCED, 3, 4, 25, 9, 14,
                        "1481.90", "222.285", "0.20", "1704.385", "1007.692", "1230.177", "518.665", "741.15"),
                new Case("Low Concurrency (50)", 50, 1_000_000, WorkloadProfile.BALANCED, 3, 4, 13, 5, 8,
                        "846.80", "127.02", "0.20", "974.02", "575.824", "703.044", "296.38", "423.60"),
                new Case("High Concurrency (200)", 200, 1_000_000, WorkloadProfile.BALANCED, 3, 4, 50, 17, 26,
                        "2752.10", "412.815", "0.20", "3165.115", "1871.428", "2284.443", "963.235", "1376.25"),
                new Case("5 AZ Configuration", 100, 1_000_000, WorkloadProfile.BALANCED, 5, 4, 25, 9, 14,
                        "1481.90", "222.285", "0.20", "1704.385", "1007.692", "1230.177", "518.665", "741.15"))
                .map(c -> Arguments.of(c.name(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calculatorCases")
    void reproducesTheCalculatorsTestCases(String name, Case c) {
        SizingPolicy policy = SizingPolicy.builder().minInstances(c.minInstances()).build();
        CostEngine engine = new CostEngine(PriceBook.bundled(), policy, CostPolicy.defaults());
        CostReport report = engine.estimate(CostRequest.builder()
                .runtime("python").memoryMb(512).architecture(Architecture.ARM64).workload(c.workload())
                .requestsPerMonth(c.requests()).avgDurationMs(60_000)
                .peakConcurrency(BigDecimal.valueOf(c.targetConcurrency()))
                .instanceType("c7g.xlarge")
                .build());

        SizingResult s = report.lmi().sizing();
        // Steps 1-4, the same in every case: min(16, floor(2048 / 512)) = 4; max(2048, 512 x 4) = 2048 MB; 1 vCPU.
        assertThat(s.concurrencyPerVcpuByMemory()).isEqualTo(4);
        assertThat(s.functionMemoryMb()).isEqualTo(2048);
        assertThat(s.vcpusPerEnvironment()).isEqualTo(1);
        assertThat(s.sustainableConcurrencyPerEnvironment()).isEqualTo(c.sustainablePerEnv());
        assertThat(s.environmentsNeeded()).isEqualTo(c.envsNeeded());
        // Step 6 on c7g.xlarge (4 vCPU, 8 GiB): min(floor(3 / 1), floor(7168 / 2048)) = 3.
        assertThat(s.environmentsPerInstance()).isEqualTo(3);
        assertThat(s.baseInstances()).isEqualTo(c.baseInstances());
        assertThat(report.lmi().instances()).isEqualByComparingTo(BigDecimal.valueOf(c.instances()));

        assertThat(report.lmi().onDemand().ec2Usd()).isEqualByComparingTo(c.ec2());
        assertThat(report.lmi().onDemand().managementFeeUsd()).isEqualByComparingTo(c.fee());
        assertThat(report.lmi().onDemand().requestsUsd()).isEqualByComparingTo(c.requestsUsd());
        assertThat(report.lmi().onDemand().monthlyUsd()).isEqualByComparingTo(c.total());

        Map<String, CostReport.LmiLine> lines = report.lmi().savings().stream()
                .collect(Collectors.toMap(CostReport.LmiLine::id, Function.identity()));
        for (String oneYear : new String[] {"computeSavingsPlan1yr", "ec2InstanceSavingsPlan1yr"}) {
            assertThat(lines.get(oneYear).ec2Usd()).isEqualByComparingTo(c.sp1Ec2());
            assertThat(lines.get(oneYear).managementFeeUsd()).isEqualByComparingTo(c.fee());
            assertThat(lines.get(oneYear).monthlyUsd()).isEqualByComparingTo(c.sp1Total());
        }
        for (String threeYear : new String[] {"computeSavingsPlan3yr", "reservedInstance3yr"}) {
            assertThat(lines.get(threeYear).ec2Usd()).isEqualByComparingTo(c.sp3Ec2());
            assertThat(lines.get(threeYear).managementFeeUsd()).isEqualByComparingTo(c.fee());
            assertThat(lines.get(threeYear).monthlyUsd()).isEqualByComparingTo(c.sp3Total());
        }
    }

    @Test
    void handCaseJavaCpuBoundOnGravitonPicksTheCheapestC7gSize() {
        // Java (cap 32), cpu (50% -> floor(100 / 50) = 2 per vCPU), 1024 MB, arm64 -> family c7g, 2 GiB per vCPU.
        // Memory concurrency max(1, min(32, floor(2048 / 1024))) = 2; function memory max(2048, 1024 x 2) = 2048 MB;
        // vCPUs ceil(2048 / 2048) = 1; 2 invocations per environment.
        // Target concurrency (Little's law): 2,000,000,000 x 0.1 s x 1.25 / 2,628,000 s = 95.129...
        // Environments ceil(95.13 / 2) = 48.
        //   c7g.large   (2 vCPU, 4 GiB):  min(1/1, 3072/2048)  = 1 -> base 48 -> ceil(72)   = 72 x 0.0725 x 730 = 3810.60
        //   c7g.xlarge  (4 vCPU, 8 GiB):  min(3/1, 7168/2048)  = 3 -> base 16 -> ceil(24)   = 24 x 0.145  x 730 = 2540.40
        //   c7g.2xlarge (8 vCPU, 16 GiB): min(7/1, 15360/2048) = 7 -> base 7  -> ceil(10.5) = 11 x 0.29   x 730 = 2328.70
        //   c7g.4xlarge (16, 32 GiB):     min(15, 31744/2048)  = 15 -> base 4 -> ceil(6)    = 6  x 0.58   x 730 = 2540.40
        // Cheapest: 11 x c7g.2xlarge. Fee 2328.70 x 0.15 = 349.305; requests 2,000 x 0.20 = 400; total 3078.005.
        // Lambda arm64: 2e9 x 0.1 s x 1 GB = 2e8 GB-s x 0.0000133334 = 2666.68, + 400 = 3066.68.
        CostReport report = CostEngine.withDefaults(PriceBook.bundled()).estimate(CostRequest.builder()
                .runtime("java21").memoryMb(1024).architecture(Architecture.ARM64).workload(WorkloadProfile.CPU)
                .requestsPerMonth(2_000_000_000L).avgDurationMs(100).build());

        assertThat(report.lmi().sizing().targetConcurrency()).isBetween(new BigDecimal("95.129"), new BigDecimal("95.130"));
        assertThat(report.lmi().sizing().environmentsNeeded()).isEqualTo(48);
        assertThat(report.lmi().sizing().candidates()).extracting(SizingResult.Candidate::instanceType,
                        SizingResult.Candidate::instances)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("c7g.large", 72L),
                        org.assertj.core.groups.Tuple.tuple("c7g.xlarge", 24L),
                        org.assertj.core.groups.Tuple.tuple("c7g.2xlarge", 11L),
                        org.assertj.core.groups.Tuple.tuple("c7g.4xlarge", 6L));
        assertThat(report.lmi().instanceType()).isEqualTo("c7g.2xlarge");
        assertThat(report.lmi().instances()).isEqualByComparingTo("11");
        assertThat(report.lmi().onDemand().ec2Usd()).isEqualByComparingTo("2328.70");
        assertThat(report.lmi().onDemand().managementFeeUsd()).isEqualByComparingTo("349.305");
        assertThat(report.lmi().onDemand().monthlyUsd()).isEqualByComparingTo("3078.005");
        assertThat(report.lambda().onDemand().monthlyUsd()).isEqualByComparingTo("3066.68");
        assertThat(report.lmi().onDemand().savingsVsLambdaOnDemandUsd()).isEqualByComparingTo("-11.325");
    }

    @Test
    void handCaseMemoryHeavyPythonGoesToTheRFamily() {
        // Python (cap 16), balanced (4 per vCPU), 6144 MB > 4096 MB -> r family; x86 -> r7i, 8 GiB per vCPU.
        // Memory concurrency max(1, min(16, floor(8192 / 6144) = 1)) = 1; function memory max(2048, 6144) = 6144 MB;
        // vCPUs ceil(6144 / 8192) = 1; 4 per environment. Measured peak 40 -> environments ceil(40 / 4) = 10.
        //   r7i.large   (2, 16 GiB):  min(1, floor(15360 / 6144) = 2) = 1 -> base 10 -> 15 x 0.1323 x 730 = 1448.685
        //   r7i.xlarge  (4, 32 GiB):  min(3, floor(31744 / 6144) = 5) = 3 -> base 4  -> 6  x 0.2646 x 730 = 1158.948
        //   r7i.2xlarge (8, 64 GiB):  min(7, 10) = 7 -> base max(3, 2) = 3 -> 5 x 0.5292 x 730 = 1931.58
        //   r7i.4xlarge (16, 128 GiB): min(15, 21) = 15 -> base 3 -> 5 x 1.0584 x 730 = 3863.16
        // Cheapest: 6 x r7i.xlarge; fee 1158.948 x 0.15 = 173.8422.
        CostReport report = CostEngine.withDefaults(PriceBook.bundled()).estimate(CostRequest.builder()
                .runtime("python3.13").memoryMb(6144).architecture(Architecture.X86_64)
                .workload(WorkloadProfile.BALANCED).requestsPerMonth(30_000_000L).avgDurationMs(500)
                .peakConcurrency(new BigDecimal("40")).build());

        SizingResult s = report.lmi().sizing();
        assertThat(s.familyClass()).isEqualTo("r");
        assertThat(s.memoryGiBPerVcpu()).isEqualByComparingTo("8");
        assertThat(s.functionMemoryMb()).isEqualTo(6144);
        assertThat(s.environmentsNeeded()).isEqualTo(10);
        assertThat(s.candidates()).extracting(SizingResult.Candidate::onDemandEc2MonthlyUsd)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("1448.685"), new BigDecimal("1158.948"), new BigDecimal("1931.58"),
                        new BigDecimal("3863.16"));
        assertThat(report.lmi().instanceType()).isEqualTo("r7i.xlarge");
        assertThat(report.lmi().instances()).isEqualByComparingTo("6");
        assertThat(report.lmi().onDemand().managementFeeUsd()).isEqualByComparingTo("173.8422");
    }

    @Test
    void handCaseLowTrafficSitsOnTheFloorOfFiveInstances() {
        // .NET (cap 32), io (8 per vCPU), 1024 MB, arm64 -> m7g, 4 GiB per vCPU. Memory concurrency
        // min(32, floor(4096 / 1024)) = 4; function memory max(2048, 4096) = 4096 MB; 1 vCPU; 8 per environment.
        // Target 10,000,000 x 0.05 s x 1.25 / 2,628,000 = 0.2378 -> 1 environment. m7g.large: min(1, floor(7168 /
        // 4096)) = 1 per instance; base max(3, 1) = 3; final max(3, ceil(4.5)) = 5: the method never goes below
        // ceil(3 x 1.5) = 5 instances. 5 x 0.0816 x 730 = 297.84; fee 44.676; requests 2.00; total 344.516.
        // Lambda: 10M x 0.05 s x 1 GB = 500,000 GB-s x 0.0000133334 = 6.6667, + 2.00 = 8.6667.
        CostReport report = CostEngine.withDefaults(PriceBook.bundled()).estimate(CostRequest.builder()
                .runtime("dotnet8").memoryMb(1024).architecture(Architecture.ARM64).workload(WorkloadProfile.IO)
                .requestsPerMonth(10_000_000L).avgDurationMs(50).build());

        assertThat(report.lmi().instanceType()).isEqualTo("m7g.large");
        assertThat(report.lmi().sizing().environmentsNeeded()).isEqualTo(1);
        assertThat(report.lmi().sizing().baseInstances()).isEqualTo(3);
        assertThat(report.lmi().instances()).isEqualByComparingTo("5");
        assertThat(report.lmi().onDemand().monthlyUsd()).isEqualByComparingTo("344.516");
        assertThat(report.lambda().onDemand().monthlyUsd()).isEqualByComparingTo("8.6667");
    }
}

package io.lmi.controlplane.core.cost;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Every factor of LMI instance sizing, as named defaults. The method and most numbers are those of the AWS LMI
 * pricing calculator (aws-samples/sample-aws-lambda-managed-instances, tools/pricing-calculator,
 * CALCULATOR_METHODOLOGY.md and web/src/utils/calculator.js); docs/cost-model.md walks through them.
 *
 * @param runtimeConcurrencyCapPerVcpu calculator step 1: Python 16, Node.js 64, Java 32, .NET 32 (also AWS's documented
 *     per-vCPU maximums, lmi-api-and-pricing.md 5.2)
 * @param workloadCpuPercentPerInvocation calculator step 2: io 12.5, balanced 25, cpu 50 (% of a vCPU per in-flight
 *     invocation); sustainable invocations per vCPU = min(floor(100 / cpu%), runtime cap)
 * @param minFunctionMemoryMb calculator step 3 and the LMI minimum: 2048 MB per execution environment
 * @param memoryGiBPerVcpuByFamilyClass the execution environment's memory-to-vCPU ratio, taken from the instance
 *     family it runs on: c 2, m 4, r 8 (calculator methodology "default memory-to-vCPU ratios"; the LMI ratios 2:1,
 *     4:1, 8:1, lmi-api-and-pricing.md 5.1)
 * @param memoryGiBPerVcpuOverride null, or one ratio (2, 4 or 8) for every family, like the calculator's ratio input
 * @param reservedVcpusPerInstance calculator step 6: 1 vCPU per instance is kept for the OS
 * @param reservedMemoryMbPerInstance calculator step 6: 1024 MB per instance is kept for the OS
 * @param minInstances calculator step 7: 3 for three Availability Zones (5 for five AZs, 1 without an AZ buffer)
 * @param scalingBuffer calculator step 8: a fixed 1.5, applied to the base instance count and rounded up
 * @param peakToAverageFactor 1.25: target concurrency from traffic is Little's law (requests per second x average
 *     duration) times this factor; 1.25 is the calculator's buffer for steady and predictable traffic
 *     (calculator.js TRAFFIC_PATTERNS, defined there but unused); a measured peak concurrency replaces it
 * @param memoryHeavyThresholdMb 4096: a function with more memory than this is sized on the r family, as the seed's
 *     configuration guide maps 4-10 GB functions to 8:1
 * @param familyClassByWorkload io and balanced on m (general purpose, the skill's "general web/API" choice), cpu on c
 *     (the skill's "CPU-intensive" choice)
 * @param memoryHeavyFamilyClass r
 * @param familyGeneration 7g for arm64 (Graviton, as in the calculator and the pricing page example) and 7i for
 *     x86_64 (Intel, as in the seed's worked example, m7i.large)
 * @param maxVcpusPerCapacityProvider 15000, the vCPUs-per-capacity-provider quota (lmi-api-and-pricing.md 5.5, 5.7):
 *     the largest fleet the break-even search considers
 * @param defaultMaxVcpuCount 400, the capacity provider's default MaxVCpuCount; a larger fleet gets a warning to raise it
 */
public record SizingPolicy(
        Map<RuntimeFamily, Integer> runtimeConcurrencyCapPerVcpu,
        Map<WorkloadProfile, BigDecimal> workloadCpuPercentPerInvocation,
        int minFunctionMemoryMb,
        Map<String, BigDecimal> memoryGiBPerVcpuByFamilyClass,
        BigDecimal memoryGiBPerVcpuOverride,
        int reservedVcpusPerInstance,
        int reservedMemoryMbPerInstance,
        int minInstances,
        BigDecimal scalingBuffer,
        BigDecimal peakToAverageFactor,
        int memoryHeavyThresholdMb,
        Map<WorkloadProfile, String> familyClassByWorkload,
        String memoryHeavyFamilyClass,
        Map<Architecture, String> familyGeneration,
        int maxVcpusPerCapacityProvider,
        int defaultMaxVcpuCount) {

    public SizingPolicy {
        runtimeConcurrencyCapPerVcpu = complete(runtimeConcurrencyCapPerVcpu, RuntimeFamily.class, "runtimeConcurrencyCapPerVcpu");
        workloadCpuPercentPerInvocation = complete(workloadCpuPercentPerInvocation, WorkloadProfile.class,
                "workloadCpuPercentPerInvocation");
        familyClassByWorkload = complete(familyClassByWorkload, WorkloadProfile.class, "familyClassByWorkload");
        familyGeneration = complete(familyGeneration, Architecture.class, "familyGeneration");
        memoryGiBPerVcpuByFamilyClass = Map.copyOf(memoryGiBPerVcpuByFamilyClass);
        Objects.requireNonNull(memoryHeavyFamilyClass, "memoryHeavyFamilyClass");
        runtimeConcurrencyCapPerVcpu.forEach((k, v) -> positive(v, "runtimeConcurrencyCapPerVcpu." + k));
        workloadCpuPercentPerInvocation.forEach((k, v) -> {
            if (v.signum() <= 0 || v.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw new IllegalArgumentException("workloadCpuPercentPerInvocation." + k + " must be in (0, 100]");
            }
        });
        memoryGiBPerVcpuByFamilyClass.forEach((k, v) -> positive(v.signum(), "memoryGiBPerVcpuByFamilyClass." + k));
        for (String cls : familyClassByWorkload.values()) {
            if (!memoryGiBPerVcpuByFamilyClass.containsKey(cls)) {
                throw new IllegalArgumentException("family class " + cls + " has no memory-to-vCPU ratio");
            }
        }
        if (memoryGiBPerVcpuOverride != null) {
            positive(memoryGiBPerVcpuOverride.signum(), "memoryGiBPerVcpuOverride");
        }
        positive(minFunctionMemoryMb, "minFunctionMemoryMb");
        if (reservedVcpusPerInstance < 0 || reservedMemoryMbPerInstance < 0) {
            throw new IllegalArgumentException("reserved vCPUs and memory per instance must be >= 0");
        }
        positive(minInstances, "minInstances");
        if (scalingBuffer.compareTo(BigDecimal.ONE) < 0) {
            throw new IllegalArgumentException("scalingBuffer must be >= 1");
        }
        positive(peakToAverageFactor.signum(), "peakToAverageFactor");
        positive(memoryHeavyThresholdMb, "memoryHeavyThresholdMb");
        positive(maxVcpusPerCapacityProvider, "maxVcpusPerCapacityProvider");
        positive(defaultMaxVcpuCount, "defaultMaxVcpuCount");
    }

    public static SizingPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.runtimeConcurrencyCapPerVcpu = new EnumMap<>(runtimeConcurrencyCapPerVcpu);
        b.workloadCpuPercentPerInvocation = new EnumMap<>(workloadCpuPercentPerInvocation);
        b.minFunctionMemoryMb = minFunctionMemoryMb;
        b.memoryGiBPerVcpuByFamilyClass = Map.copyOf(memoryGiBPerVcpuByFamilyClass);
        b.memoryGiBPerVcpuOverride = memoryGiBPerVcpuOverride;
        b.reservedVcpusPerInstance = reservedVcpusPerInstance;
        b.reservedMemoryMbPerInstance = reservedMemoryMbPerInstance;
        b.minInstances = minInstances;
        b.scalingBuffer = scalingBuffer;
        b.peakToAverageFactor = peakToAverageFactor;
        b.memoryHeavyThresholdMb = memoryHeavyThresholdMb;
        b.familyClassByWorkload = new EnumMap<>(familyClassByWorkload);
        b.memoryHeavyFamilyClass = memoryHeavyFamilyClass;
        b.familyGeneration = new EnumMap<>(familyGeneration);
        b.maxVcpusPerCapacityProvider = maxVcpusPerCapacityProvider;
        b.defaultMaxVcpuCount = defaultMaxVcpuCount;
        return b;
    }

    /** The cap for a runtime family under this policy. */
    public int concurrencyCap(RuntimeFamily runtime) {
        return runtimeConcurrencyCapPerVcpu.get(runtime);
    }

    /** The memory-to-vCPU ratio an execution environment gets on a family class, or empty for a class LMI lacks. */
    public java.util.Optional<BigDecimal> memoryGiBPerVcpu(String familyClass) {
        if (memoryGiBPerVcpuOverride != null) {
            return java.util.Optional.of(memoryGiBPerVcpuOverride);
        }
        return java.util.Optional.ofNullable(memoryGiBPerVcpuByFamilyClass.get(familyClass));
    }

    private static <K extends Enum<K>, V> Map<K, V> complete(Map<K, V> map, Class<K> keys, String name) {
        Objects.requireNonNull(map, name);
        EnumMap<K, V> copy = new EnumMap<>(keys);
        copy.putAll(map);
        for (K k : keys.getEnumConstants()) {
            if (copy.get(k) == null) {
                throw new IllegalArgumentException(name + " has no value for " + k);
            }
        }
        return java.util.Collections.unmodifiableMap(copy);
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0");
        }
    }

    /** Starts from the documented defaults; change only what you mean to. */
    public static final class Builder {
        private Map<RuntimeFamily, Integer> runtimeConcurrencyCapPerVcpu = new EnumMap<>(Map.of(
                RuntimeFamily.PYTHON, RuntimeFamily.PYTHON.documentedConcurrencyCapPerVcpu(),
                RuntimeFamily.NODEJS, RuntimeFamily.NODEJS.documentedConcurrencyCapPerVcpu(),
                RuntimeFamily.JAVA, RuntimeFamily.JAVA.documentedConcurrencyCapPerVcpu(),
                RuntimeFamily.DOTNET, RuntimeFamily.DOTNET.documentedConcurrencyCapPerVcpu()));
        private Map<WorkloadProfile, BigDecimal> workloadCpuPercentPerInvocation = new EnumMap<>(Map.of(
                WorkloadProfile.IO, new BigDecimal("12.5"),
                WorkloadProfile.BALANCED, new BigDecimal("25"),
                WorkloadProfile.CPU, new BigDecimal("50")));
        private int minFunctionMemoryMb = 2048;
        private Map<String, BigDecimal> memoryGiBPerVcpuByFamilyClass = Map.of(
                "c", new BigDecimal("2"), "m", new BigDecimal("4"), "r", new BigDecimal("8"));
        private BigDecimal memoryGiBPerVcpuOverride;
        private int reservedVcpusPerInstance = 1;
        private int reservedMemoryMbPerInstance = 1024;
        private int minInstances = 3;
        private BigDecimal scalingBuffer = new BigDecimal("1.5");
        private BigDecimal peakToAverageFactor = new BigDecimal("1.25");
        private int memoryHeavyThresholdMb = 4096;
        private Map<WorkloadProfile, String> familyClassByWorkload = new EnumMap<>(Map.of(
                WorkloadProfile.IO, "m", WorkloadProfile.BALANCED, "m", WorkloadProfile.CPU, "c"));
        private String memoryHeavyFamilyClass = "r";
        private Map<Architecture, String> familyGeneration = new EnumMap<>(Map.of(
                Architecture.ARM64, "7g", Architecture.X86_64, "7i"));
        private int maxVcpusPerCapacityProvider = 15_000;
        private int defaultMaxVcpuCount = 400;

        public Builder runtimeConcurrencyCap(RuntimeFamily runtime, int cap) {
            runtimeConcurrencyCapPerVcpu.put(runtime, cap);
            return this;
        }

        public Builder workloadCpuPercent(WorkloadProfile workload, BigDecimal percent) {
            workloadCpuPercentPerInvocation.put(workload, percent);
            return this;
        }

        public Builder minFunctionMemoryMb(int value) {
            minFunctionMemoryMb = value;
            return this;
        }

        public Builder memoryGiBPerVcpuByFamilyClass(Map<String, BigDecimal> value) {
            memoryGiBPerVcpuByFamilyClass = Map.copyOf(value);
            return this;
        }

        public Builder memoryGiBPerVcpuOverride(BigDecimal value) {
            memoryGiBPerVcpuOverride = value;
            return this;
        }

        public Builder reservedVcpusPerInstance(int value) {
            reservedVcpusPerInstance = value;
            return this;
        }

        public Builder reservedMemoryMbPerInstance(int value) {
            reservedMemoryMbPerInstance = value;
            return this;
        }

        public Builder minInstances(int value) {
            minInstances = value;
            return this;
        }

        public Builder scalingBuffer(BigDecimal value) {
            scalingBuffer = value;
            return this;
        }

        public Builder peakToAverageFactor(BigDecimal value) {
            peakToAverageFactor = value;
            return this;
        }

        public Builder memoryHeavyThresholdMb(int value) {
            memoryHeavyThresholdMb = value;
            return this;
        }

        public Builder familyClass(WorkloadProfile workload, String familyClass) {
            familyClassByWorkload.put(workload, familyClass);
            return this;
        }

        public Builder memoryHeavyFamilyClass(String value) {
            memoryHeavyFamilyClass = value;
            return this;
        }

        public Builder familyGeneration(Architecture architecture, String generation) {
            familyGeneration.put(architecture, generation);
            return this;
        }

        public Builder maxVcpusPerCapacityProvider(int value) {
            maxVcpusPerCapacityProvider = value;
            return this;
        }

        public Builder defaultMaxVcpuCount(int value) {
            defaultMaxVcpuCount = value;
            return this;
        }

        public SizingPolicy build() {
            return new SizingPolicy(runtimeConcurrencyCapPerVcpu, workloadCpuPercentPerInvocation, minFunctionMemoryMb,
                    memoryGiBPerVcpuByFamilyClass, memoryGiBPerVcpuOverride, reservedVcpusPerInstance,
                    reservedMemoryMbPerInstance, minInstances, scalingBuffer, peakToAverageFactor,
                    memoryHeavyThresholdMb, familyClassByWorkload, memoryHeavyFamilyClass, familyGeneration,
                    maxVcpusPerCapacityProvider, defaultMaxVcpuCount);
        }
    }
}

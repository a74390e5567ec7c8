package io.lmi.controlplane.core.cost;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One function's shape and traffic, and optional overrides, to estimate. Values a real workload cannot have are
 * refused with an {@link InvalidCostInputException} naming the field.
 *
 * @param runtime a family name or a Lambda runtime id (see {@link RuntimeFamily#parse(String)})
 * @param peakConcurrency a measured peak concurrency (e.g. CloudWatch ConcurrentExecutions maximum); null to derive
 *     the target from volume and duration with Little's law
 * @param instanceType pins the instance type instead of choosing one; null to choose
 * @param instances replaces the sized instance count (whole instances running all month); null to size
 * @param instanceHours replaces sizing with this many instance-hours per month; null to size
 * @param extraSavingsOptions shown after the policy's savings options (custom rates)
 */
public record CostRequest(
        String region,
        long requestsPerMonth,
        BigDecimal avgDurationMs,
        int memoryMb,
        Architecture architecture,
        String runtime,
        WorkloadProfile workload,
        BigDecimal peakConcurrency,
        String instanceType,
        Integer instances,
        BigDecimal instanceHours,
        List<SavingsOption> extraSavingsOptions) {

    /** Lambda (default) function memory limits, MB (Lambda quotas: 128 MB to 10,240 MB). */
    public static final int MIN_MEMORY_MB = 128;
    public static final int MAX_MEMORY_MB = 10_240;
    /** Lambda's maximum timeout, 15 minutes: an average duration above it cannot be a Lambda (default) function. */
    public static final BigDecimal MAX_AVG_DURATION_MS = BigDecimal.valueOf(900_000);

    public CostRequest {
        check(region != null && !region.isBlank(), CostField.REGION, "region is required, e.g. us-east-1");
        check(requestsPerMonth >= 0, CostField.REQUESTS_PER_MONTH,
                "requests per month must be >= 0, was " + requestsPerMonth);
        check(avgDurationMs != null, CostField.AVG_DURATION_MS, "average duration (ms) is required");
        check(avgDurationMs.signum() > 0 && avgDurationMs.compareTo(MAX_AVG_DURATION_MS) <= 0,
                CostField.AVG_DURATION_MS, "average duration must be > 0 and <= " + MAX_AVG_DURATION_MS
                        + " ms (Lambda's 15-minute limit), was " + avgDurationMs.toPlainString());
        check(memoryMb >= MIN_MEMORY_MB && memoryMb <= MAX_MEMORY_MB, CostField.MEMORY_MB,
                "memory must be " + MIN_MEMORY_MB + ".." + MAX_MEMORY_MB + " MB (the Lambda function's memory size),"
                        + " was " + memoryMb);
        check(architecture != null, CostField.ARCHITECTURE, "architecture is required: x86_64 or arm64");
        check(runtime != null && !runtime.isBlank(), CostField.RUNTIME, "runtime is required, e.g. java21");
        try {
            RuntimeFamily.parse(runtime);
        } catch (IllegalArgumentException e) {
            throw new InvalidCostInputException(CostField.RUNTIME, e.getMessage());
        }
        check(workload != null, CostField.WORKLOAD, "workload is required: io, balanced or cpu");
        check(peakConcurrency == null || peakConcurrency.signum() >= 0, CostField.PEAK_CONCURRENCY,
                "peak concurrency must be >= 0");
        check(instanceType == null || InstanceTypeName.tryParse(instanceType).isPresent(), CostField.INSTANCE_TYPE,
                "'" + instanceType + "' is not an instance type name such as m7g.xlarge");
        check(instances == null || instances >= 1, CostField.INSTANCES, "instances must be >= 1, was " + instances);
        check(instanceHours == null || instanceHours.signum() > 0, CostField.INSTANCE_HOURS,
                "instance-hours must be > 0");
        check(instances == null || instanceHours == null, CostField.INSTANCE_HOURS,
                "give either instances or instance-hours, not both");
        extraSavingsOptions = extraSavingsOptions == null ? List.of() : List.copyOf(extraSavingsOptions);
    }

    public RuntimeFamily runtimeFamily() {
        return RuntimeFamily.parse(runtime);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void check(boolean ok, CostField field, String message) {
        if (!ok) {
            throw new InvalidCostInputException(field, message);
        }
    }

    /** Defaults: us-east-1, x86_64 (Lambda's default architecture), balanced (the calculator's default workload). */
    public static final class Builder {
        private String region = "us-east-1";
        private long requestsPerMonth;
        private BigDecimal avgDurationMs;
        private int memoryMb;
        private Architecture architecture = Architecture.X86_64;
        private String runtime;
        private WorkloadProfile workload = WorkloadProfile.BALANCED;
        private BigDecimal peakConcurrency;
        private String instanceType;
        private Integer instances;
        private BigDecimal instanceHours;
        private List<SavingsOption> extraSavingsOptions = List.of();

        public Builder region(String v) {
            region = v;
            return this;
        }

        public Builder requestsPerMonth(long v) {
            requestsPerMonth = v;
            return this;
        }

        public Builder avgDurationMs(BigDecimal v) {
            avgDurationMs = v;
            return this;
        }

        public Builder avgDurationMs(long v) {
            return avgDurationMs(BigDecimal.valueOf(v));
        }

        public Builder memoryMb(int v) {
            memoryMb = v;
            return this;
        }

        public Builder architecture(Architecture v) {
            architecture = v;
            return this;
        }

        public Builder runtime(String v) {
            runtime = v;
            return this;
        }

        public Builder workload(WorkloadProfile v) {
            workload = v;
            return this;
        }

        public Builder peakConcurrency(BigDecimal v) {
            peakConcurrency = v;
            return this;
        }

        public Builder instanceType(String v) {
            instanceType = v;
            return this;
        }

        public Builder instances(Integer v) {
            instances = v;
            return this;
        }

        public Builder instanceHours(BigDecimal v) {
            instanceHours = v;
            return this;
        }

        public Builder extraSavingsOptions(List<SavingsOption> v) {
            extraSavingsOptions = Objects.requireNonNull(v);
            return this;
        }

        public CostRequest build() {
            return new CostRequest(region, requestsPerMonth, avgDurationMs, memoryMb, architecture, runtime, workload,
                    peakConcurrency, instanceType, instances, instanceHours, extraSavingsOptions);
        }
    }
}

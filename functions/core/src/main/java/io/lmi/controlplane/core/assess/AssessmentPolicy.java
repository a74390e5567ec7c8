package io.lmi.controlplane.core.assess;

import io.lmi.controlplane.core.cost.WorkloadProfile;
import io.lmi.controlplane.core.migration.MigrationRequest;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Every threshold and default of the assessment, each with where its number comes from. {@link #defaults()} is what
 * the Lambda and the CLI use; a caller changes only what it means to through {@link #toBuilder()}.
 *
 * @param minObservedDays 7: with less history than a week, a weekly cycle has not been seen once, so no verdict is
 *     given (INSUFFICIENT_HISTORY); Compute Optimizer looks back 14 days, this is half of that
 * @param fullConfidenceObservedDays 14: Compute Optimizer's Lambda lookback; a verdict on less history is graded one
 *     confidence step lower
 * @param highVolumeRequestsPerMonth 50,000,000: the seed skill's "LMI is a strong fit: steady, predictable, 50M+
 *     req/mo" (cost-comparison.md: "When LMI is NOT cheaper: < 50M req/month"). A soft signal: the cost comparison
 *     decides, the volume only grades confidence and explains
 * @param burstyPeakToMeanRatio 5: the one-minute peak over the mean rate above which traffic counts as bursty (the
 *     seed's "bursty, unpredictable" column). A diurnal API peaks at about 2-3 times its mean at one-minute resolution,
 *     weekend dips add about one more; above 5 the traffic is shaped by bursts rather than by a daily cycle. A
 *     judgement, not an AWS number: change it to taste
 * @param idleShareThreshold 0.5: the share of periods without any invocation at or above which the function counts as
 *     idle for long periods (the seed's "long periods of no traffic": LMI does not scale to zero)
 * @param riseWindowMinutes 5 and {@code riseLimit} 2: "Lambda maintains enough headroom for your traffic to double
 *     within 5 minutes without throttles" (AWS DG, LMI scaling; lmi-api-and-pricing.md 5.5). A rise above the limit
 *     within the window would throttle
 * @param fastRiseEventsToJudge 3: how many separate too-fast rises in the window make the traffic unsuitable; one or
 *     two can be incidents (a retry storm, a backfill), three or more are a pattern
 * @param minSavingsShare 0.10: LMI must cost at least 10% less than standard Lambda to be recommended. The estimate
 *     has errors of that order (average duration for every invocation, flat discount rates, instance choice), and a
 *     migration has a cost of its own (code review for concurrency, a new function, a traffic shift)
 * @param marginalSavingsBand 0.10: a saving within 10 percentage points of {@code minSavingsShare} is close enough to
 *     the line that the verdict is graded one confidence step lower
 * @param decisiveLambdaOption "onDemand": the Lambda cost line the decision compares (a CostReport line id)
 * @param decisiveLmiOption "onDemand": the LMI cost line the decision compares. Both on demand: a commitment is a
 *     separate purchase decision, and the seed's table shows on demand first
 * @param commitmentLambdaOption "computeSavingsPlan" and {@code commitmentLmiOption} "computeSavingsPlan3yr": the lines
 *     compared for LMI_CHEAPER_ONLY_WITH_COMMITMENT and shown in the seed's 4-column table
 * @param concurrencyPercentile 95: the percentile of per-period concurrency the floor of execution environments covers
 *     (a typical busy minute never waits for a scale-up; peaks are left to LMI's scaling)
 * @param floorUtilisation 2/3: the share of an execution environment's sustainable concurrency the floor plans to use;
 *     the reciprocal of the LMI pricing calculator's 1.5 scaling buffer, so the floor never asks for more environments
 *     than the cost estimate prices for the same concurrency
 * @param ceilingHeadroom 2: MaxExecutionEnvironments is sized for twice the measured peak, the doubling LMI absorbs
 * @param productionMinExecutionEnvironments 3: one per Availability Zone across three (seed skill, AWS DG)
 * @param maxVCpuCountStep 4: MaxVCpuCount is rounded up to a multiple of this (an xlarge instance's vCPUs) so the
 *     ceiling does not cut the last instance in half
 * @param cpuBoundTargetCpuUtilization 50: the CPU target set for CPU-bound workloads (Manual scaling): half the CPU
 *     spare, so load can double before the target is crossed; other workloads keep Auto scaling (null target)
 * @param assumedWorkload balanced: the LMI pricing calculator's default workload, used when the request does not say
 *     whether the function is I/O- or CPU-bound (standard Lambda metrics cannot tell)
 * @param shortDurationMs 100: the seed's "very short functions (&lt; 100 ms)" for which LMI is not cheaper
 * @param p99NearTimeoutShare 0.8: a p99 duration above 80% of the timeout gets a readiness warning, because LMI does not
 *     stop an invocation at its timeout
 * @param windowStartToleranceHours 24: when the first datapoint comes within this many hours of the window's start, the
 *     function is taken to have existed all along, and the hours before it are idle time rather than time before the
 *     function existed (a night or a quiet day at the start of the window is not a new function)
 * @param unmeasuredMaxVCpuCount 400: the capacity provider's default MaxVCpuCount (lmi-api-and-pricing.md 5.5), the
 *     cost ceiling of a configuration for a function without measured traffic (only a forced migration uses one)
 * @param understatedPeakThrottleShare 0.01: above this share of throttled requests the measured peak concurrency is
 *     capped by the throttling and understates demand, so the verdict is graded one step lower (the seed's operations
 *     rule: alarm on a throttle rate above 1%)
 */
public record AssessmentPolicy(
        int minObservedDays,
        int fullConfidenceObservedDays,
        long highVolumeRequestsPerMonth,
        double burstyPeakToMeanRatio,
        double idleShareThreshold,
        int riseWindowMinutes,
        double riseLimit,
        int fastRiseEventsToJudge,
        BigDecimal minSavingsShare,
        BigDecimal marginalSavingsBand,
        String decisiveLambdaOption,
        String decisiveLmiOption,
        String commitmentLambdaOption,
        String commitmentLmiOption,
        double concurrencyPercentile,
        double floorUtilisation,
        double ceilingHeadroom,
        int productionMinExecutionEnvironments,
        int maxVCpuCountStep,
        double cpuBoundTargetCpuUtilization,
        WorkloadProfile assumedWorkload,
        int shortDurationMs,
        double p99NearTimeoutShare,
        int windowStartToleranceHours,
        int unmeasuredMaxVCpuCount,
        double understatedPeakThrottleShare) {

    /** The capacity provider's MaxVCpuCount range (lmi-api-and-pricing.md 2.1, 5.5). */
    public static final int MIN_MAX_VCPU_COUNT = 2;
    public static final int MAX_MAX_VCPU_COUNT = 15_000;
    /** PerExecutionEnvironmentMaxConcurrency range (API model: 1-1600). */
    public static final int MAX_CONCURRENCY_PER_ENVIRONMENT = 1600;
    /** LMI function memory ceiling, MB (lmi-api-and-pricing.md 5.1). */
    public static final int MAX_LMI_MEMORY_MB = 32_768;

    public AssessmentPolicy {
        positive(minObservedDays, "minObservedDays");
        check(fullConfidenceObservedDays >= minObservedDays, "fullConfidenceObservedDays must be >= minObservedDays");
        check(highVolumeRequestsPerMonth >= 0, "highVolumeRequestsPerMonth must be >= 0");
        check(burstyPeakToMeanRatio > 1, "burstyPeakToMeanRatio must be > 1");
        check(idleShareThreshold > 0 && idleShareThreshold <= 1, "idleShareThreshold must be in (0, 1]");
        positive(riseWindowMinutes, "riseWindowMinutes");
        check(riseLimit > 1, "riseLimit must be > 1");
        positive(fastRiseEventsToJudge, "fastRiseEventsToJudge");
        Objects.requireNonNull(minSavingsShare, "minSavingsShare");
        Objects.requireNonNull(marginalSavingsBand, "marginalSavingsBand");
        check(minSavingsShare.signum() >= 0 && minSavingsShare.compareTo(BigDecimal.ONE) < 0,
                "minSavingsShare must be in [0, 1)");
        check(marginalSavingsBand.signum() >= 0, "marginalSavingsBand must be >= 0");
        Objects.requireNonNull(decisiveLambdaOption, "decisiveLambdaOption");
        Objects.requireNonNull(decisiveLmiOption, "decisiveLmiOption");
        Objects.requireNonNull(commitmentLambdaOption, "commitmentLambdaOption");
        Objects.requireNonNull(commitmentLmiOption, "commitmentLmiOption");
        check(concurrencyPercentile > 0 && concurrencyPercentile <= 100, "concurrencyPercentile must be in (0, 100]");
        check(floorUtilisation > 0 && floorUtilisation <= 1, "floorUtilisation must be in (0, 1]");
        check(ceilingHeadroom >= 1, "ceilingHeadroom must be >= 1");
        positive(productionMinExecutionEnvironments, "productionMinExecutionEnvironments");
        positive(maxVCpuCountStep, "maxVCpuCountStep");
        check(cpuBoundTargetCpuUtilization > 0 && cpuBoundTargetCpuUtilization <= 100,
                "cpuBoundTargetCpuUtilization must be in (0, 100]");
        Objects.requireNonNull(assumedWorkload, "assumedWorkload");
        positive(shortDurationMs, "shortDurationMs");
        check(p99NearTimeoutShare > 0 && p99NearTimeoutShare <= 1, "p99NearTimeoutShare must be in (0, 1]");
        check(windowStartToleranceHours >= 0, "windowStartToleranceHours must be >= 0");
        check(unmeasuredMaxVCpuCount >= MIN_MAX_VCPU_COUNT && unmeasuredMaxVCpuCount <= MAX_MAX_VCPU_COUNT,
                "unmeasuredMaxVCpuCount must be " + MIN_MAX_VCPU_COUNT + ".." + MAX_MAX_VCPU_COUNT);
        check(understatedPeakThrottleShare >= 0 && understatedPeakThrottleShare < 1,
                "understatedPeakThrottleShare must be in [0, 1)");
    }

    public static AssessmentPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.minObservedDays = minObservedDays;
        b.fullConfidenceObservedDays = fullConfidenceObservedDays;
        b.highVolumeRequestsPerMonth = highVolumeRequestsPerMonth;
        b.burstyPeakToMeanRatio = burstyPeakToMeanRatio;
        b.idleShareThreshold = idleShareThreshold;
        b.riseWindowMinutes = riseWindowMinutes;
        b.riseLimit = riseLimit;
        b.fastRiseEventsToJudge = fastRiseEventsToJudge;
        b.minSavingsShare = minSavingsShare;
        b.marginalSavingsBand = marginalSavingsBand;
        b.decisiveLambdaOption = decisiveLambdaOption;
        b.decisiveLmiOption = decisiveLmiOption;
        b.commitmentLambdaOption = commitmentLambdaOption;
        b.commitmentLmiOption = commitmentLmiOption;
        b.concurrencyPercentile = concurrencyPercentile;
        b.floorUtilisation = floorUtilisation;
        b.ceilingHeadroom = ceilingHeadroom;
        b.productionMinExecutionEnvironments = productionMinExecutionEnvironments;
        b.maxVCpuCountStep = maxVCpuCountStep;
        b.cpuBoundTargetCpuUtilization = cpuBoundTargetCpuUtilization;
        b.assumedWorkload = assumedWorkload;
        b.shortDurationMs = shortDurationMs;
        b.p99NearTimeoutShare = p99NearTimeoutShare;
        b.windowStartToleranceHours = windowStartToleranceHours;
        b.unmeasuredMaxVCpuCount = unmeasuredMaxVCpuCount;
        b.understatedPeakThrottleShare = understatedPeakThrottleShare;
        return b;
    }

    private static void positive(int value, String name) {
        check(value > 0, name + " must be > 0");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Starts from the documented defaults. */
    public static final class Builder {
        private int minObservedDays = 7;
        private int fullConfidenceObservedDays = 14;
        private long highVolumeRequestsPerMonth = 50_000_000L;
        private double burstyPeakToMeanRatio = 5.0;
        private double idleShareThreshold = 0.5;
        private int riseWindowMinutes = 5;
        private double riseLimit = 2.0;
        private int fastRiseEventsToJudge = 3;
        private BigDecimal minSavingsShare = new BigDecimal("0.10");
        private BigDecimal marginalSavingsBand = new BigDecimal("0.10");
        private String decisiveLambdaOption = "onDemand";
        private String decisiveLmiOption = "onDemand";
        private String commitmentLambdaOption = "computeSavingsPlan";
        private String commitmentLmiOption = "computeSavingsPlan3yr";
        private double concurrencyPercentile = 95.0;
        private double floorUtilisation = 2.0 / 3.0;
        private double ceilingHeadroom = 2.0;
        private int productionMinExecutionEnvironments = MigrationRequest.PRODUCTION_MIN_EXECUTION_ENVIRONMENTS;
        private int maxVCpuCountStep = 4;
        private double cpuBoundTargetCpuUtilization = 50.0;
        private WorkloadProfile assumedWorkload = WorkloadProfile.BALANCED;
        private int shortDurationMs = 100;
        private double p99NearTimeoutShare = 0.8;
        private int windowStartToleranceHours = 24;
        private int unmeasuredMaxVCpuCount = 400;
        private double understatedPeakThrottleShare = 0.01;

        public Builder minObservedDays(int v) {
            minObservedDays = v;
            return this;
        }

        public Builder fullConfidenceObservedDays(int v) {
            fullConfidenceObservedDays = v;
            return this;
        }

        public Builder highVolumeRequestsPerMonth(long v) {
            highVolumeRequestsPerMonth = v;
            return this;
        }

        public Builder burstyPeakToMeanRatio(double v) {
            burstyPeakToMeanRatio = v;
            return this;
        }

        public Builder idleShareThreshold(double v) {
            idleShareThreshold = v;
            return this;
        }

        public Builder riseWindowMinutes(int v) {
            riseWindowMinutes = v;
            return this;
        }

        public Builder riseLimit(double v) {
            riseLimit = v;
            return this;
        }

        public Builder fastRiseEventsToJudge(int v) {
            fastRiseEventsToJudge = v;
            return this;
        }

        public Builder minSavingsShare(BigDecimal v) {
            minSavingsShare = v;
            return this;
        }

        public Builder marginalSavingsBand(BigDecimal v) {
            marginalSavingsBand = v;
            return this;
        }

        public Builder decisiveOptions(String lambdaOption, String lmiOption) {
            decisiveLambdaOption = lambdaOption;
            decisiveLmiOption = lmiOption;
            return this;
        }

        public Builder commitmentOptions(String lambdaOption, String lmiOption) {
            commitmentLambdaOption = lambdaOption;
            commitmentLmiOption = lmiOption;
            return this;
        }

        public Builder concurrencyPercentile(double v) {
            concurrencyPercentile = v;
            return this;
        }

        public Builder floorUtilisation(double v) {
            floorUtilisation = v;
            return this;
        }

        public Builder ceilingHeadroom(double v) {
            ceilingHeadroom = v;
            return this;
        }

        public Builder productionMinExecutionEnvironments(int v) {
            productionMinExecutionEnvironments = v;
            return this;
        }

        public Builder maxVCpuCountStep(int v) {
            maxVCpuCountStep = v;
            return this;
        }

        public Builder cpuBoundTargetCpuUtilization(double v) {
            cpuBoundTargetCpuUtilization = v;
            return this;
        }

        public Builder assumedWorkload(WorkloadProfile v) {
            assumedWorkload = v;
            return this;
        }

        public Builder shortDurationMs(int v) {
            shortDurationMs = v;
            return this;
        }

        public Builder p99NearTimeoutShare(double v) {
            p99NearTimeoutShare = v;
            return this;
        }

        public Builder windowStartToleranceHours(int v) {
            windowStartToleranceHours = v;
            return this;
        }

        public Builder unmeasuredMaxVCpuCount(int v) {
            unmeasuredMaxVCpuCount = v;
            return this;
        }

        public Builder understatedPeakThrottleShare(double v) {
            understatedPeakThrottleShare = v;
            return this;
        }

        public AssessmentPolicy build() {
            return new AssessmentPolicy(minObservedDays, fullConfidenceObservedDays, highVolumeRequestsPerMonth,
                    burstyPeakToMeanRatio, idleShareThreshold, riseWindowMinutes, riseLimit, fastRiseEventsToJudge,
                    minSavingsShare, marginalSavingsBand, decisiveLambdaOption, decisiveLmiOption,
                    commitmentLambdaOption, commitmentLmiOption, concurrencyPercentile, floorUtilisation,
                    ceilingHeadroom, productionMinExecutionEnvironments, maxVCpuCountStep,
                    cpuBoundTargetCpuUtilization, assumedWorkload, shortDurationMs, p99NearTimeoutShare,
                    windowStartToleranceHours, unmeasuredMaxVCpuCount, understatedPeakThrottleShare);
        }
    }
}

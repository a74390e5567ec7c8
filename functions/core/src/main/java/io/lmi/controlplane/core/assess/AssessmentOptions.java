package io.lmi.controlplane.core.assess;

import io.lmi.controlplane.core.cost.WorkloadProfile;

/**
 * What a request may choose about one assessment.
 *
 * @param windowDays          days of CloudWatch history read (default 14, Compute Optimizer's lookback)
 * @param allowRuntimeUpgrade judge the function as if moved to the nearest LMI runtime of its family (java17 to
 *                            java21, ...) instead of blocking on its current runtime
 * @param workload            io, balanced or cpu when the team knows; null to assume the policy's default, which the
 *                            verdict then reports (standard Lambda metrics cannot tell I/O- from CPU-bound)
 */
public record AssessmentOptions(int windowDays, boolean allowRuntimeUpgrade, WorkloadProfile workload) {
    public static final int DEFAULT_WINDOW_DAYS = 14;
    /** CloudWatch keeps 5-minute data for 63 days; a longer window would read 1-hour data (too coarse for rises). */
    public static final int MAX_WINDOW_DAYS = 63;

    public AssessmentOptions {
        if (windowDays < 1 || windowDays > MAX_WINDOW_DAYS) {
            throw new IllegalArgumentException("windowDays must be 1.." + MAX_WINDOW_DAYS + ", was " + windowDays);
        }
    }

    public static AssessmentOptions defaults() {
        return new AssessmentOptions(DEFAULT_WINDOW_DAYS, false, null);
    }

    public AssessmentOptions withWindowDays(int days) {
        return new AssessmentOptions(days, allowRuntimeUpgrade, workload);
    }

    public AssessmentOptions withRuntimeUpgrade(boolean allow) {
        return new AssessmentOptions(windowDays, allow, workload);
    }

    public AssessmentOptions withWorkload(WorkloadProfile profile) {
        return new AssessmentOptions(windowDays, allowRuntimeUpgrade, profile);
    }
}

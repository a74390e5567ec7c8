package io.lmi.controlplane.core.assess;

/**
 * The verdict, in the words teams know from AWS Compute Optimizer's findings (Optimized / NotOptimized / Unavailable),
 * applied to "stay on standard Lambda or move to LMI".
 */
public enum Finding {
    /** LMI is cheaper by a margin worth the migration and the traffic suits it; the recommendation is ready to apply. */
    RECOMMEND_LMI,
    /** Standard Lambda is the better home: cheaper, or the traffic is bursty or idle in ways LMI handles badly. */
    STAY_ON_LAMBDA,
    /** The function cannot run on LMI as it is (runtime, Region, already on LMI); the readiness items say what blocks. */
    NOT_ELIGIBLE,
    /** Too little history, or no cost could be computed, to judge either way. */
    INSUFFICIENT_DATA
}

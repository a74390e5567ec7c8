package io.lmi.controlplane.core.assess;

/**
 * Why a verdict came out as it did. The codes are a contract (docs/assessment.md): automation may key on them, so
 * none is renamed; new ones may be added.
 */
public enum ReasonCode {
    // NOT_ELIGIBLE
    /** The runtime has an LMI version, but moving to it was not allowed (allowRuntimeUpgrade). */
    RUNTIME_UPGRADE_REQUIRED,
    /** The runtime has no LMI-supported version at all (e.g. Ruby, Go 1.x, the Amazon Linux 1 custom runtime). */
    RUNTIME_NOT_SUPPORTED,
    /** The function already runs on a capacity provider. */
    ALREADY_ON_LMI,
    /** LMI is not offered in the function's Region. */
    REGION_NOT_SUPPORTED,

    // INSUFFICIENT_DATA
    /** CloudWatch has no datapoint for the function in the window. */
    NO_METRICS,
    /** The history is shorter than the policy's minimum to judge (a week by default). */
    INSUFFICIENT_HISTORY,
    /** The cost engine could not price the function (no prices for the Region, a runtime it cannot size). */
    COST_NOT_COMPUTABLE,

    // Cost
    /** LMI costs less than standard Lambda by at least the policy's minimum savings. */
    LMI_CHEAPER,
    /** LMI costs less, but by less than the minimum savings that make a migration worth its work and risk. */
    SAVINGS_BELOW_THRESHOLD,
    /** LMI costs more than standard Lambda. */
    LMI_MORE_EXPENSIVE,
    /** LMI loses on demand but wins with a 3-year Savings Plan on both sides. */
    LMI_CHEAPER_ONLY_WITH_COMMITMENT,

    // Traffic
    /** At or above the seed's 50M requests/month where LMI becomes cost-competitive (a soft signal). */
    HIGH_VOLUME,
    /** Below 50M requests/month (a soft signal: the fixed minimum fleet usually outweighs the savings). */
    LOW_VOLUME,
    /** Peak-to-mean and idle share are within the policy's limits. */
    STEADY_TRAFFIC,
    /** Peak traffic is many times the mean: LMI would hold capacity for peaks that standard Lambda bursts into. */
    BURSTY_TRAFFIC,
    /** Much of the time there is no traffic at all: LMI does not scale to zero, standard Lambda costs nothing idle. */
    LONG_IDLE_PERIODS,
    /** Traffic repeatedly more than doubled within 5 minutes, faster than LMI adds capacity: requests would throttle. */
    RISES_FASTER_THAN_LMI_SCALES,
    /** Average duration below 100 ms: short invocations cost little on standard Lambda (seed: "not cheaper"). */
    SHORT_DURATION
}

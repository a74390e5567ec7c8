package io.lmi.controlplane.core.schedule;

/**
 * The pair PutFunctionScalingConfig sets on a function version: MinExecutionEnvironments and
 * MaxExecutionEnvironments. Both are always sent together because "any unspecified setting reverts to its default"
 * (Lambda developer guide, scaling page).
 */
public record ScalingLimits(int min, int max) {

    /** Min = Max = 0 deactivates the version; it does not come back until the API is called again with non-zero values. */
    public boolean isDeactivation() {
        return min == 0 && max == 0;
    }

    /**
     * Overlapping settings combine to the highest floor and the highest ceiling: overlapping never removes capacity
     * that either setting asked for, and the result keeps max at least min whenever each input does.
     */
    public ScalingLimits union(ScalingLimits other) {
        return new ScalingLimits(Math.max(min, other.min), Math.max(max, other.max));
    }

    @Override
    public String toString() {
        return min + "/" + max;
    }
}

package io.lmi.controlplane.aws.schedule;

import io.lmi.controlplane.core.schedule.ScalingLimits;
import java.util.Objects;
import software.amazon.awssdk.services.lambda.model.FunctionScalingConfig;

/**
 * A version's scaling config as PutFunctionScalingConfig takes it and GetFunctionScalingConfig returns it: Min and
 * Max execution environments, where a missing Max means no maximum.
 */
public record Scaling(int min, Integer max) {

    /**
     * Lambda's defaults for a published LMI version: Min 3 execution environments, no maximum (developer guide,
     * scaling page; lmi-api-and-pricing.md 2.5). What removing a schedule restores, and what a version that no schedule
     * has touched runs with.
     */
    public static final int LMI_DEFAULT_MIN = 3;
    public static final Scaling LMI_DEFAULT = new Scaling(LMI_DEFAULT_MIN, null);

    public Scaling {
        if (min < 0 || max != null && max < min) {
            throw new IllegalArgumentException("not a scaling config: min " + min + ", max " + max);
        }
    }

    public static Scaling of(ScalingLimits limits) {
        return new Scaling(limits.min(), limits.max());
    }

    /** What Lambda reports; an unspecified Min is the default, an unspecified Max is no maximum. */
    public static Scaling of(FunctionScalingConfig config) {
        if (config == null) {
            return LMI_DEFAULT;
        }
        Integer min = config.minExecutionEnvironments();
        return new Scaling(min == null ? LMI_DEFAULT_MIN : min, config.maxExecutionEnvironments());
    }

    public boolean sameAs(Scaling other) {
        return other != null && min == other.min && Objects.equals(max, other.max);
    }

    @Override
    public String toString() {
        return min + "/" + (max == null ? "no max" : max);
    }
}

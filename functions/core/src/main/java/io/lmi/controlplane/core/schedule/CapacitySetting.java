package io.lmi.controlplane.core.schedule;

import java.util.Optional;

/**
 * A min/max pair in a schedule file (the default, a period, a pre-warm). The optional reason is what allows a
 * production value below the floor, and it is shown in plans.
 */
public interface CapacitySetting {
    int min();

    int max();

    Optional<String> reason();

    default ScalingLimits limits() {
        return new ScalingLimits(min(), max());
    }
}

package io.lmi.controlplane.core.schedule;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The min and max a schedule asks for at one instant, with the entries that produced them and the exception date
 * that shaped the day, if any. This is what the shaper sets when EventBridge Scheduler wakes it.
 */
public record EffectiveCapacity(ScalingLimits limits, List<CapacitySource> sources, Optional<ExceptionDate> exception) {

    public EffectiveCapacity {
        Objects.requireNonNull(limits, "limits");
        sources = List.copyOf(sources);
        Objects.requireNonNull(exception, "exception");
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("an effective capacity always has at least one source");
        }
    }

    public int min() {
        return limits.min();
    }

    public int max() {
        return limits.max();
    }

    /** True when every entry behind the floor gave a reason: what allows a production floor below the policy's. */
    public boolean everySourceHasReason() {
        return sources.stream().allMatch(s -> s.reason().isPresent());
    }

    /** "period business-hours + period lunch-peak". */
    public String describeSources() {
        return sources.stream().map(CapacitySource::label).collect(Collectors.joining(" + "));
    }
}

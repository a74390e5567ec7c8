package io.lmi.controlplane.core.schedule;

import java.util.Objects;
import java.util.Optional;

/**
 * Which entry of the schedule file a min/max comes from: its kind, a label for people ("period business-hours"), the
 * JSON path of the entry ({@code periods[0]}) and its reason, if it gave one.
 */
public record CapacitySource(Kind kind, String label, String path, ScalingLimits limits, Optional<String> reason) {

    public enum Kind { DEFAULT, PERIOD, PREWARM }

    public CapacitySource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(reason, "reason");
    }

    static CapacitySource ofDefault(DefaultCapacity defaults) {
        return new CapacitySource(Kind.DEFAULT, "default", "default", defaults.limits(), defaults.reason());
    }

    static CapacitySource ofPeriod(Period period, int index) {
        return new CapacitySource(Kind.PERIOD, "period " + period.name(), "periods[" + index + "]", period.limits(),
                period.reason());
    }

    static CapacitySource ofPrewarm(Prewarm prewarm, int index) {
        String label = "pre-warm " + prewarm.from() + ".." + prewarm.until()
                + prewarm.reason().map(r -> " (" + r + ")").orElse("");
        return new CapacitySource(Kind.PREWARM, label, "prewarms[" + index + "]", prewarm.limits(), prewarm.reason());
    }
}

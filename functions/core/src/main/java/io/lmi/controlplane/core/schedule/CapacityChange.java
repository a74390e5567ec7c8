package io.lmi.controlplane.core.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/** An instant at which the effective min/max changes, with what it was, what it becomes and why. */
public record CapacityChange(Instant at, ZoneId zone, EffectiveCapacity before, EffectiveCapacity after, String reason) {
    public CapacityChange {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(reason, "reason");
    }

    public ZonedDateTime local() {
        return at.atZone(zone);
    }
}

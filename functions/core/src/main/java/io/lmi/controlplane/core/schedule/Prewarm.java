package io.lmi.controlplane.core.schedule;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A one-off window, in the schedule's local time, whose min and max override everything else from {@code from}
 * (inclusive) to {@code until} (exclusive). It may span midnight or several days.
 */
public record Prewarm(LocalDateTime from, LocalDateTime until, int min, int max, Optional<String> reason)
        implements CapacitySetting {
    public Prewarm {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(reason, "reason");
    }

    public static Prewarm of(LocalDateTime from, LocalDateTime until, int min, int max) {
        return new Prewarm(from, until, min, max, Optional.empty());
    }
}

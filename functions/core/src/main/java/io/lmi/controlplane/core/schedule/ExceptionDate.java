package io.lmi.controlplane.core.schedule;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/** A dated exception (holiday, freeze): on {@code date}, in the schedule's time zone, periods start as {@code use} says. */
public record ExceptionDate(LocalDate date, DayUse use, Optional<String> reason) {
    public ExceptionDate {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(use, "use");
        Objects.requireNonNull(reason, "reason");
    }

    public static ExceptionDate of(LocalDate date, DayUse use) {
        return new ExceptionDate(date, use, Optional.empty());
    }
}

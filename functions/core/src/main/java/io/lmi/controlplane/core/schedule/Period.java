package io.lmi.controlplane.core.schedule;

import java.time.DayOfWeek;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A recurring window in local wall time. It starts on each of its {@code days}; when {@code end} is not after
 * {@code start} it spans midnight and ends on the following day. An occurrence belongs to the day it starts on
 * (that day's exception, if any, decides whether it starts at all).
 */
public record Period(String name, Set<DayOfWeek> days, ClockTime start, ClockTime end, int min, int max,
                     Optional<String> reason) implements CapacitySetting {

    public Period {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(reason, "reason");
        days = days.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(days));
    }

    public static Period of(String name, Set<DayOfWeek> days, String start, String end, int min, int max) {
        return new Period(name, days, ClockTime.parse(start).orElseThrow(), ClockTime.parse(end).orElseThrow(), min, max,
                Optional.empty());
    }

    /** True when the occurrence ends on the day after it starts (end at or before start, e.g. 22:00-06:00). */
    public boolean spansMidnight() {
        return !end.isEndOfDay() && end.compareTo(start) <= 0;
    }

    /** Days between the start day and the day on whose clock the end falls (24:00 is the next day's 00:00). */
    public int endDayOffset() {
        return spansMidnight() || end.isEndOfDay() ? 1 : 0;
    }

    public Period withReason(String newReason) {
        return new Period(name, days, start, end, min, max, Optional.of(newReason));
    }
}

package io.lmi.controlplane.core.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Local wall time to instants, the way EventBridge Scheduler reads a cron in ScheduleExpressionTimezone: a time that
 * occurs twice (clocks fall back) is taken at its first occurrence, the earlier offset, which is also what
 * {@link ZonedDateTime#of} does. Times that do not exist (clocks spring forward) never reach here from a valid
 * schedule, except the start of a day whose midnight is skipped, which is the first instant of that date.
 */
final class LocalTimes {
    private LocalTimes() {
    }

    static Instant instantOf(LocalDate date, ClockTime time, ZoneId zone) {
        if (time.isEndOfDay()) {
            return startOfDay(date.plusDays(1), zone);
        }
        if (time.minuteOfDay() == 0) {
            return startOfDay(date, zone);
        }
        return ZonedDateTime.of(date, time.toLocalTime(), zone).toInstant();
    }

    static Instant instantOf(LocalDateTime local, ZoneId zone) {
        return ZonedDateTime.of(local, zone).toInstant();
    }

    static Instant startOfDay(LocalDate date, ZoneId zone) {
        return date.atStartOfDay(zone).toInstant();
    }
}

package io.lmi.controlplane.core.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A capacity schedule as written in the file (JSON or YAML):
 * <pre>
 * {function | selector: {tags: {..}}, qualifier, environment, timezone,
 *  default: {min, max, reason?},
 *  periods: [{name, days: [MON..SUN], start: "HH:MM", end: "HH:MM", min, max, reason?}],
 *  exceptions: [{date: "yyyy-mm-dd", use: "default" | "MON".."SUN" | period name, reason?}],
 *  prewarms: [{from: "yyyy-mm-ddThh:mm", until: "yyyy-mm-ddThh:mm", min, max, reason?}]}
 * </pre>
 * This record only holds values; {@link ScheduleValidator} decides whether they are acceptable.
 */
public record CapacitySchedule(ScheduleTarget target, String qualifier, Environment environment, ZoneId timezone,
                               DefaultCapacity defaults, List<Period> periods, List<ExceptionDate> exceptions,
                               List<Prewarm> prewarms) {

    public CapacitySchedule {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(defaults, "defaults");
        periods = List.copyOf(periods);
        exceptions = List.copyOf(exceptions);
        prewarms = List.copyOf(prewarms);
    }

    /**
     * The same schedule governing another version: what a rollout or migration stores when it moves the function, so
     * that the schedule follows it. The result still has to pass {@link ScheduleValidator}.
     */
    public CapacitySchedule withQualifier(String newQualifier) {
        return new CapacitySchedule(target, newQualifier, environment, timezone, defaults, periods, exceptions, prewarms);
    }

    /**
     * Without the dated entries that are over at {@code now}: exceptions dated before today (in the schedule's zone)
     * and pre-warms whose {@code until} has passed. A stored schedule is pruned before it is checked again, because
     * admission refuses entries in the past.
     */
    public CapacitySchedule prunedAt(Instant now) {
        LocalDate today = now.atZone(timezone).toLocalDate();
        List<ExceptionDate> current = exceptions.stream().filter(e -> !e.date().isBefore(today)).toList();
        List<Prewarm> pending = prewarms.stream()
                .filter(p -> LocalTimes.instantOf(p.until(), timezone).isAfter(now)).toList();
        return new CapacitySchedule(target, qualifier, environment, timezone, defaults, periods, current, pending);
    }
}

package io.lmi.controlplane.core.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The meaning of a schedule: the effective min/max at any instant, and every instant at which it changes.
 * <p>Precedence: a pre-warm covering the instant wins (overlapping pre-warms combine); otherwise the periods whose
 * occurrence covers the instant (overlapping periods combine: highest min, highest max); otherwise the default.
 * An exception date changes which periods start that day (see {@link DayUse}). Local times follow the wall clock of
 * the schedule's zone, the way EventBridge Scheduler evaluates a cron in ScheduleExpressionTimezone (see
 * {@link LocalTimes}).
 */
public final class CapacityCalendar {
    private final CapacitySchedule schedule;
    private final ZoneId zone;
    private final Map<LocalDate, ExceptionDate> exceptionsByDate = new HashMap<>();
    private final Map<String, Integer> periodIndexByName = new HashMap<>();

    private CapacityCalendar(CapacitySchedule schedule) {
        this.schedule = schedule;
        this.zone = schedule.timezone();
        schedule.exceptions().forEach(e -> exceptionsByDate.putIfAbsent(e.date(), e));
        for (int i = 0; i < schedule.periods().size(); i++) {
            periodIndexByName.putIfAbsent(schedule.periods().get(i).name(), i);
        }
    }

    public static CapacityCalendar of(ValidatedSchedule validated) {
        return new CapacityCalendar(validated.schedule());
    }

    /** For the validator, which simulates a schedule before it has accepted it. */
    static CapacityCalendar unchecked(CapacitySchedule schedule) {
        return new CapacityCalendar(schedule);
    }

    public ZoneId zone() {
        return zone;
    }

    /** What the schedule asks for at {@code instant}. */
    public EffectiveCapacity at(Instant instant) {
        LocalDate date = instant.atZone(zone).toLocalDate();
        Optional<ExceptionDate> dayException = Optional.ofNullable(exceptionsByDate.get(date));
        List<CapacitySource> prewarms = new ArrayList<>();
        for (int i = 0; i < schedule.prewarms().size(); i++) {
            Prewarm prewarm = schedule.prewarms().get(i);
            if (!instant.isBefore(LocalTimes.instantOf(prewarm.from(), zone))
                    && instant.isBefore(LocalTimes.instantOf(prewarm.until(), zone))) {
                prewarms.add(CapacitySource.ofPrewarm(prewarm, i));
            }
        }
        if (!prewarms.isEmpty()) {
            return combined(prewarms, dayException);
        }
        List<CapacitySource> periods = new ArrayList<>();
        Optional<ExceptionDate> shapingException = dayException;
        for (LocalDate anchor : List.of(date.minusDays(1), date)) {
            for (int index : periodsStartingOn(anchor)) {
                Period period = schedule.periods().get(index);
                if (!instant.isBefore(LocalTimes.instantOf(anchor, period.start(), zone))
                        && instant.isBefore(endOf(anchor, period))) {
                    periods.add(CapacitySource.ofPeriod(period, index));
                    if (exceptionsByDate.containsKey(anchor)) {
                        shapingException = Optional.of(exceptionsByDate.get(anchor));
                    }
                }
            }
        }
        if (!periods.isEmpty()) {
            return combined(periods, shapingException);
        }
        return new EffectiveCapacity(schedule.defaults().limits(), List.of(CapacitySource.ofDefault(schedule.defaults())),
                dayException);
    }

    /**
     * The recurring weekly pattern alone (no exceptions, no pre-warms) at a wall-clock minute of a weekday: what a
     * cron-driven transition sets on an ordinary week.
     */
    public EffectiveCapacity weekly(DayOfWeek day, int minuteOfDay) {
        if (minuteOfDay < 0 || minuteOfDay >= ClockTime.MINUTES_PER_DAY) {
            throw new IllegalArgumentException("minute of day out of range: " + minuteOfDay);
        }
        List<CapacitySource> periods = new ArrayList<>();
        for (int i = 0; i < schedule.periods().size(); i++) {
            Period period = schedule.periods().get(i);
            int start = period.start().minuteOfDay();
            int end = period.end().minuteOfDay();
            boolean coversToday = period.days().contains(day) && (period.spansMidnight()
                    ? minuteOfDay >= start : minuteOfDay >= start && minuteOfDay < end);
            boolean spillsFromYesterday = period.spansMidnight() && period.days().contains(day.minus(1))
                    && minuteOfDay < end;
            if (coversToday || spillsFromYesterday) {
                periods.add(CapacitySource.ofPeriod(period, i));
            }
        }
        if (!periods.isEmpty()) {
            return combined(periods, Optional.empty());
        }
        return new EffectiveCapacity(schedule.defaults().limits(), List.of(CapacitySource.ofDefault(schedule.defaults())),
                Optional.empty());
    }

    /** Every instant in [from, to) at which the effective min/max changes, in order. */
    public List<CapacityChange> changes(Instant from, Instant to) {
        List<CapacityChange> changes = new ArrayList<>();
        for (Instant candidate : candidateInstants(from, to)) {
            EffectiveCapacity before = at(candidate.minusNanos(1));
            EffectiveCapacity after = at(candidate);
            if (!before.limits().equals(after.limits())) {
                changes.add(new CapacityChange(candidate, zone, before, after, ChangeReasons.describe(before, after)));
            }
        }
        return changes;
    }

    /**
     * Every instant in [from, to) where the effective capacity could change: period starts and ends on every date,
     * the start of every day (exception dates begin there), pre-warm bounds. Between two of them nothing changes.
     */
    private TreeSet<Instant> candidateInstants(Instant from, Instant to) {
        TreeSet<Instant> candidates = new TreeSet<>();
        LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
        for (LocalDate date = from.atZone(zone).toLocalDate().minusDays(1); !date.isAfter(last); date = date.plusDays(1)) {
            candidates.add(LocalTimes.startOfDay(date, zone));
            for (Period period : schedule.periods()) {
                candidates.add(LocalTimes.instantOf(date, period.start(), zone));
                candidates.add(endOf(date, period));
            }
        }
        for (Prewarm prewarm : schedule.prewarms()) {
            candidates.add(LocalTimes.instantOf(prewarm.from(), zone));
            candidates.add(LocalTimes.instantOf(prewarm.until(), zone));
        }
        return new TreeSet<>(candidates.subSet(from, true, to, false));
    }

    private Instant endOf(LocalDate anchor, Period period) {
        return period.spansMidnight()
                ? LocalTimes.instantOf(anchor.plusDays(1), period.end(), zone)
                : LocalTimes.instantOf(anchor, period.end(), zone);
    }

    private List<Integer> periodsStartingOn(LocalDate date) {
        ExceptionDate exception = exceptionsByDate.get(date);
        List<Integer> indexes = new ArrayList<>();
        if (exception == null || exception.use() instanceof DayUse.LikeDay) {
            DayOfWeek day = exception == null ? date.getDayOfWeek() : ((DayUse.LikeDay) exception.use()).day();
            for (int i = 0; i < schedule.periods().size(); i++) {
                if (schedule.periods().get(i).days().contains(day)) {
                    indexes.add(i);
                }
            }
        } else if (exception.use() instanceof DayUse.OnlyPeriod only && periodIndexByName.containsKey(only.period())) {
            indexes.add(periodIndexByName.get(only.period()));
        }
        return indexes;
    }

    private static EffectiveCapacity combined(List<CapacitySource> sources, Optional<ExceptionDate> exception) {
        ScalingLimits limits = sources.get(0).limits();
        for (CapacitySource source : sources) {
            limits = limits.union(source.limits());
        }
        return new EffectiveCapacity(limits, sources, exception);
    }
}

package io.lmi.controlplane.core.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a schedule into the EventBridge Scheduler schedules that wake the shaper at every instant the effective
 * capacity can change:
 * <ul>
 *   <li>recurring: one {@code cron(...)} per wall-clock time and group of weekdays at which the weekly pattern
 *       (periods over the default) changes;</li>
 *   <li>one-off: an {@code at(...)} for every change caused by an exception date or a pre-warm that no cron already
 *       fires at.</li>
 * </ul>
 * Names are deterministic: the same schedule always compiles to the same names, so applying it again changes nothing.
 */
public final class ScheduleCompiler {
    private static final DateTimeFormatter ONE_OFF_NAME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmm'Z'")
            .withZone(ZoneOffset.UTC);
    /** An exception date's changes end by the following midnight, when its last period spills over. */
    private static final int EXCEPTION_WINDOW_DAYS = 2;

    private ScheduleCompiler() {
    }

    /** Every schedule to create, recurring first (by time of day), then one-offs in time order; none before {@code now}. */
    public static List<ScheduledTransition> compile(ValidatedSchedule validated, Instant now) {
        CapacitySchedule schedule = validated.schedule();
        CapacityCalendar calendar = CapacityCalendar.of(validated);
        String prefix = schedule.target().namePrefix() + "-" + schedule.target().keyDigest();
        List<ScheduledTransition> recurring = recurring(schedule, calendar, prefix);
        List<ScheduledTransition> all = new ArrayList<>(recurring);
        all.addAll(oneOffs(schedule, calendar, prefix, recurring, now));
        return List.copyOf(all);
    }

    private static List<ScheduledTransition> recurring(CapacitySchedule schedule, CapacityCalendar calendar,
                                                       String prefix) {
        Map<Boundary, Set<DayOfWeek>> daysByBoundary = new LinkedHashMap<>();
        for (Map.Entry<DayOfWeek, Set<Integer>> day : boundaryMinutes(schedule).entrySet()) {
            for (int minute : day.getValue()) {
                EffectiveCapacity before = minute == 0
                        ? calendar.weekly(day.getKey().minus(1), ClockTime.MINUTES_PER_DAY - 1)
                        : calendar.weekly(day.getKey(), minute - 1);
                EffectiveCapacity after = calendar.weekly(day.getKey(), minute);
                if (!before.limits().equals(after.limits())) {
                    Boundary boundary = new Boundary(minute, after.limits(), ChangeReasons.describe(before, after));
                    daysByBoundary.computeIfAbsent(boundary, b -> EnumSet.noneOf(DayOfWeek.class)).add(day.getKey());
                }
            }
        }
        ZoneId zone = schedule.timezone();
        return daysByBoundary.entrySet().stream().map(e -> {
            ClockTime time = new ClockTime(e.getKey().minute());
            TransitionTrigger.Weekly trigger = new TransitionTrigger.Weekly(time, e.getValue(), zone);
            String name = prefix + "-w" + String.format("%02d%02d", time.hour(), time.minute()) + "-"
                    + CronDays.nameToken(e.getValue());
            return new ScheduledTransition(name, trigger, e.getKey().limits(), e.getKey().reason());
        }).sorted(Comparator.comparingInt((ScheduledTransition t) -> ((TransitionTrigger.Weekly) t.trigger()).time()
                .minuteOfDay()).thenComparingInt(t -> firstDayOrder((TransitionTrigger.Weekly) t.trigger()))).toList();
    }

    /** For every weekday, the wall-clock minutes at which some period starts or ends. */
    private static Map<DayOfWeek, Set<Integer>> boundaryMinutes(CapacitySchedule schedule) {
        Map<DayOfWeek, Set<Integer>> minutes = new TreeMap<>();
        for (Period period : schedule.periods()) {
            for (DayOfWeek day : period.days()) {
                minutes.computeIfAbsent(day, d -> new java.util.TreeSet<>()).add(period.start().minuteOfDay());
                DayOfWeek endDay = day.plus(period.endDayOffset());
                int endMinute = period.end().isEndOfDay() ? 0 : period.end().minuteOfDay();
                minutes.computeIfAbsent(endDay, d -> new java.util.TreeSet<>()).add(endMinute);
            }
        }
        return minutes;
    }

    private static List<ScheduledTransition> oneOffs(CapacitySchedule schedule, CapacityCalendar calendar, String prefix,
                                                     List<ScheduledTransition> recurring, Instant now) {
        ZoneId zone = schedule.timezone();
        List<CapacityChange> changes = new ArrayList<>();
        for (ExceptionDate exception : schedule.exceptions()) {
            changes.addAll(calendar.changes(LocalTimes.startOfDay(exception.date(), zone),
                    LocalTimes.startOfDay(exception.date().plusDays(EXCEPTION_WINDOW_DAYS), zone)));
        }
        for (Prewarm prewarm : schedule.prewarms()) {
            for (Instant bound : List.of(LocalTimes.instantOf(prewarm.from(), zone),
                    LocalTimes.instantOf(prewarm.until(), zone))) {
                changes.addAll(calendar.changes(bound, bound.plus(Duration.ofMinutes(1))));
            }
        }
        Map<Instant, ScheduledTransition> byInstant = new TreeMap<>();
        for (CapacityChange change : changes) {
            if (!change.at().isAfter(now) || byInstant.containsKey(change.at())
                    || recurring.stream().anyMatch(t -> t.trigger().firesAt(change.at()))) {
                continue;
            }
            String name = prefix + "-o" + ONE_OFF_NAME.format(change.at());
            byInstant.put(change.at(), new ScheduledTransition(name, TransitionTrigger.Once.of(change.at(), zone),
                    change.after().limits(), change.reason()));
        }
        return List.copyOf(byInstant.values());
    }

    private static int firstDayOrder(TransitionTrigger.Weekly trigger) {
        return trigger.days().stream().mapToInt(CronDays::order).min().orElse(0);
    }

    private record Boundary(int minute, ScalingLimits limits, String reason) {
    }
}

package io.lmi.controlplane.core.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Random schedules for property tests, biased towards valid ones (the validator still has the last word): zones with
 * and without daylight saving, overlapping and midnight-spanning periods, exceptions of every kind, pre-warms across
 * midnight, production floors with and without reasons, and 0/0 stretches.
 */
final class RandomSchedules {
    private static final List<String> ZONES = List.of("UTC", "America/New_York", "Europe/Berlin", "Australia/Sydney",
            "Asia/Kolkata", "America/Sao_Paulo");
    private static final String REASON = "Traffic is replayed from a queue, so fewer AZs are acceptable";

    private final Random random;

    RandomSchedules(long seed) {
        this.random = new Random(seed);
    }

    CapacitySchedule next() {
        ZoneId zone = ZoneId.of(ZONES.get(random.nextInt(ZONES.size())));
        Environment environment = random.nextBoolean() ? Environment.PRODUCTION : Environment.NON_PRODUCTION;
        boolean deactivatingDefault = environment == Environment.NON_PRODUCTION && random.nextInt(4) == 0;
        int[] defaultLimits = deactivatingDefault ? new int[] {0, 0} : limits(environment);
        DefaultCapacity defaults = new DefaultCapacity(defaultLimits[0], defaultLimits[1],
                reasonFor(environment, defaultLimits[0]));
        List<Period> periods = new ArrayList<>();
        int periodCount = random.nextInt(5) + (deactivatingDefault ? 1 : 0);
        for (int i = 0; i < periodCount; i++) {
            int[] l = i == 0 && deactivatingDefault ? new int[] {1 + random.nextInt(5), 10} : limits(environment);
            ClockTime start = time(false);
            ClockTime end = time(true);
            if (end.equals(start)) {
                end = ClockTime.END_OF_DAY;
            }
            Set<DayOfWeek> days = i == 0 && deactivatingDefault ? EnumSet.allOf(DayOfWeek.class) : days();
            periods.add(new Period("p" + i, days, start, end, l[0], l[1], reasonFor(environment, l[0])));
        }
        LocalDate today = TestSchedules.NOW.atZone(zone).toLocalDate();
        List<ExceptionDate> exceptions = new ArrayList<>();
        Set<LocalDate> used = new java.util.HashSet<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            LocalDate date = today.plusDays(1 + random.nextInt(30));
            if (used.add(date)) {
                exceptions.add(new ExceptionDate(date, use(periods), Optional.empty()));
            }
        }
        List<Prewarm> prewarms = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            LocalDateTime from = today.plusDays(1 + random.nextInt(30)).atTime(time(false).toLocalTime());
            LocalDateTime until = from.plus(Duration.ofMinutes(15L * (1 + random.nextInt(4 * 36))));
            int[] l = limits(environment);
            prewarms.add(new Prewarm(from, until, l[0], l[1], reasonFor(environment, l[0])));
        }
        return new CapacitySchedule(new ScheduleTarget.FunctionTarget("fn-" + random.nextInt(1000)),
                random.nextBoolean() ? "$LATEST.PUBLISHED" : String.valueOf(1 + random.nextInt(50)), environment, zone,
                defaults, periods, exceptions, prewarms);
    }

    /** Mostly at or above the production floor; sometimes below it, then with a reason (see reasonFor). */
    private int[] limits(Environment environment) {
        int min = random.nextInt(5) == 0 ? 1 + random.nextInt(2) : 3 + random.nextInt(40);
        int max = min + random.nextInt(60);
        return new int[] {min, max};
    }

    private Optional<String> reasonFor(Environment environment, int min) {
        boolean needed = environment == Environment.PRODUCTION && min < SchedulePolicy.DEFAULT_PRODUCTION_FLOOR;
        return needed || random.nextInt(10) == 0 ? Optional.of(REASON) : Optional.empty();
    }

    /** Quarter hours outside 01:00-03:59, where the zones above change their clocks (gaps are refused). */
    private ClockTime time(boolean end) {
        if (end && random.nextInt(8) == 0) {
            return ClockTime.END_OF_DAY;
        }
        int quarter = random.nextInt(96);
        while (quarter >= 4 && quarter < 16) {
            quarter = random.nextInt(96);
        }
        return new ClockTime(quarter * 15);
    }

    private Set<DayOfWeek> days() {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (random.nextInt(3) > 0) {
                days.add(day);
            }
        }
        if (days.isEmpty()) {
            days.add(DayOfWeek.of(1 + random.nextInt(7)));
        }
        return days;
    }

    private DayUse use(List<Period> periods) {
        int kind = random.nextInt(3);
        if (kind == 0 || (kind == 2 && periods.isEmpty())) {
            return new DayUse.DefaultAllDay();
        }
        if (kind == 1) {
            return new DayUse.LikeDay(DayOfWeek.of(1 + random.nextInt(7)));
        }
        return new DayUse.OnlyPeriod(periods.get(random.nextInt(periods.size())).name());
    }
}

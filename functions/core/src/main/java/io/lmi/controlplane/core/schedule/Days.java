package io.lmi.controlplane.core.schedule;

import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.Optional;

/** The three-letter day names the schedule file and EventBridge Scheduler's cron both use. */
public final class Days {
    private Days() {
    }

    public static String abbreviation(DayOfWeek day) {
        return day.name().substring(0, 3);
    }

    /** Strict: upper-case MON..SUN only, so that a file means the same thing to every reader. */
    public static Optional<DayOfWeek> parse(String text) {
        return Arrays.stream(DayOfWeek.values()).filter(d -> abbreviation(d).equals(text)).findFirst();
    }

    public static String allowedList() {
        return "MON, TUE, WED, THU, FRI, SAT, SUN";
    }
}

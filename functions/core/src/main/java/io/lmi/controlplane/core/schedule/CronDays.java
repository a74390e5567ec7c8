package io.lmi.controlplane.core.schedule;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The day-of-week field of an EventBridge Scheduler cron: names SUN..SAT (Scheduler's week starts on Sunday, 1-7 =
 * SUN-SAT), consecutive runs of three or more written as ranges, "*" for every day.
 */
final class CronDays {
    private static final List<DayOfWeek> SCHEDULER_ORDER = List.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY);

    private CronDays() {
    }

    static String field(Set<DayOfWeek> days) {
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a cron needs at least one day");
        }
        if (days.size() == SCHEDULER_ORDER.size()) {
            return "*";
        }
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < SCHEDULER_ORDER.size()) {
            if (!days.contains(SCHEDULER_ORDER.get(i))) {
                i++;
                continue;
            }
            int runEnd = i;
            while (runEnd + 1 < SCHEDULER_ORDER.size() && days.contains(SCHEDULER_ORDER.get(runEnd + 1))) {
                runEnd++;
            }
            String first = Days.abbreviation(SCHEDULER_ORDER.get(i));
            String last = Days.abbreviation(SCHEDULER_ORDER.get(runEnd));
            if (runEnd - i >= 2) {
                parts.add(first + "-" + last);
            } else {
                for (int j = i; j <= runEnd; j++) {
                    parts.add(Days.abbreviation(SCHEDULER_ORDER.get(j)));
                }
            }
            i = runEnd + 1;
        }
        return String.join(",", parts);
    }

    /** The same days for a schedule name, where commas are not allowed. */
    static String nameToken(Set<DayOfWeek> days) {
        String field = field(days);
        return "*".equals(field) ? "daily" : field.replace(',', '_');
    }

    /** Position in Scheduler's week, for ordering. */
    static int order(DayOfWeek day) {
        return SCHEDULER_ORDER.indexOf(day);
    }
}

package io.lmi.controlplane.core.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Clock changes of a zone, as they affect EventBridge Scheduler: a cron time inside a spring-forward gap is skipped
 * that day, and a time inside a fall-back overlap runs once (AWS knowledge center, "adjust EventBridge Scheduler for
 * daylight saving time").
 */
final class DaylightSaving {
    private DaylightSaving() {
    }

    /**
     * The first gap within [from, from + lookahead) in which this wall-clock time does not exist on a day it fires:
     * a period's start fires on its days, its end {@code dayOffset} days later (1 for an end across midnight), so a
     * gap on any other day skips nothing.
     */
    static Optional<ZoneOffsetTransition> gapContaining(ZoneId zone, ClockTime time, Set<DayOfWeek> days, int dayOffset,
                                                        Instant from, Duration lookahead) {
        ZoneRules rules = zone.getRules();
        Instant end = from.plus(lookahead);
        for (ZoneOffsetTransition t = rules.nextTransition(from.minus(Duration.ofDays(1)));
             t != null && t.getInstant().isBefore(end); t = rules.nextTransition(t.getInstant())) {
            if (!t.isGap()) {
                continue;
            }
            for (LocalDate date : List.of(t.getDateTimeBefore().toLocalDate(), t.getDateTimeAfter().toLocalDate())) {
                if (!days.contains(date.minusDays(dayOffset).getDayOfWeek())) {
                    continue;
                }
                LocalDateTime candidate = date.atTime(time.toLocalTime());
                if (!candidate.isBefore(t.getDateTimeBefore()) && candidate.isBefore(t.getDateTimeAfter())) {
                    return Optional.of(t);
                }
            }
        }
        return Optional.empty();
    }

    /** The gap or overlap this local date-time falls in, if any. */
    static Optional<ZoneOffsetTransition> transitionAt(ZoneId zone, LocalDateTime local) {
        return Optional.ofNullable(zone.getRules().getTransition(local));
    }

    static String window(ZoneOffsetTransition t) {
        LocalDateTime early = t.isGap() ? t.getDateTimeBefore() : t.getDateTimeAfter();
        LocalDateTime late = t.isGap() ? t.getDateTimeAfter() : t.getDateTimeBefore();
        return early.toLocalTime() + "-" + late.toLocalTime();
    }

    static String jump(ZoneOffsetTransition t) {
        return "clocks " + (t.isGap() ? "jump" : "fall back") + " from " + t.getDateTimeBefore().toLocalTime() + " to "
                + t.getDateTimeAfter().toLocalTime();
    }
}

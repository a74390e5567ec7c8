package io.lmi.controlplane.core.schedule;

import java.time.DayOfWeek;
import java.util.Objects;

/**
 * What an exception date does, written as {@code use} in the file:
 * <ul>
 *   <li>{@code "default"}: no period starts on that date; the default applies all day;</li>
 *   <li>a day, {@code "MON"}..{@code "SUN"}: the periods of that weekday start on that date instead of the date's own;</li>
 *   <li>a period name: only that period starts on that date, at its usual times, whatever its days say.</li>
 * </ul>
 * In every case a period that started the evening before still ends as planned, and pre-warms still win.
 */
public sealed interface DayUse {

    /** The value as written in the schedule file. */
    String text();

    /** A short human phrase for plans and reasons. */
    String describe();

    record DefaultAllDay() implements DayUse {
        public static final String TEXT = "default";

        @Override
        public String text() {
            return TEXT;
        }

        @Override
        public String describe() {
            return "default all day";
        }
    }

    record LikeDay(DayOfWeek day) implements DayUse {
        public LikeDay {
            Objects.requireNonNull(day, "day");
        }

        @Override
        public String text() {
            return Days.abbreviation(day);
        }

        @Override
        public String describe() {
            return "like a " + Days.abbreviation(day);
        }
    }

    record OnlyPeriod(String period) implements DayUse {
        public OnlyPeriod {
            Objects.requireNonNull(period, "period");
        }

        @Override
        public String text() {
            return period;
        }

        @Override
        public String describe() {
            return "only period " + period;
        }
    }
}

package io.lmi.controlplane.core.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** When an EventBridge Scheduler schedule fires: its expression, its ScheduleExpressionTimezone, and the instants. */
public sealed interface TransitionTrigger {

    /** The ScheduleExpression: {@code cron(...)} or {@code at(...)}. */
    String expression();

    /** The ScheduleExpressionTimezone. */
    ZoneId timezone();

    /** Whether EventBridge Scheduler invokes the target at this instant. */
    boolean firesAt(Instant instant);

    /**
     * Every week on {@code days} at {@code time} on the zone's wall clock:
     * {@code cron(minutes hours ? * days *)}. A time that occurs twice when clocks fall back fires once, at the first
     * occurrence; times that do not exist are refused by the validator, so none reaches here.
     */
    record Weekly(ClockTime time, Set<DayOfWeek> days, ZoneId timezone) implements TransitionTrigger {
        public Weekly {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(timezone, "timezone");
            if (time.isEndOfDay()) {
                throw new IllegalArgumentException("a cron fires at 00:00 of the next day, not at 24:00");
            }
            days = Collections.unmodifiableSet(EnumSet.copyOf(days));
        }

        @Override
        public String expression() {
            return "cron(" + time.minute() + " " + time.hour() + " ? * " + CronDays.field(days) + " *)";
        }

        @Override
        public boolean firesAt(Instant instant) {
            ZonedDateTime local = instant.atZone(timezone);
            if (local.getSecond() != 0 || local.getNano() != 0
                    || local.getHour() * 60 + local.getMinute() != time.minuteOfDay()
                    || !days.contains(local.getDayOfWeek())) {
                return false;
            }
            List<ZoneOffset> offsets = timezone.getRules().getValidOffsets(local.toLocalDateTime());
            return offsets.size() < 2 || local.getOffset().equals(offsets.get(0));
        }
    }

    /** Once: {@code at(yyyy-mm-ddThh:mm:ss)} in {@code timezone} (UTC when the local time would be ambiguous). */
    record Once(LocalDateTime at, ZoneId timezone) implements TransitionTrigger {
        private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

        public Once {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(timezone, "timezone");
        }

        /** The one-off for an instant: local wall time when it is unambiguous there, UTC otherwise. */
        static Once of(Instant instant, ZoneId zone) {
            LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
            if (zone.getRules().getValidOffsets(local).size() == 1) {
                return new Once(local, zone);
            }
            return new Once(LocalDateTime.ofInstant(instant, ZoneOffset.UTC), ZoneId.of("UTC"));
        }

        public Instant instant() {
            return ZonedDateTime.of(at, timezone).toInstant();
        }

        @Override
        public String expression() {
            return "at(" + AT.format(at) + ")";
        }

        @Override
        public boolean firesAt(Instant instant) {
            return instant().equals(instant);
        }
    }
}

package io.lmi.controlplane.core.schedule;

import java.time.LocalTime;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A wall-clock time of day at minute precision, "HH:MM". {@code 24:00} exists only as the end of a period (the end of
 * the day), which {@link LocalTime} cannot represent. Minute precision matches EventBridge Scheduler, which invokes
 * its targets with 60-second precision.
 */
public record ClockTime(int minuteOfDay) implements Comparable<ClockTime> {

    public static final int MINUTES_PER_DAY = 24 * 60;
    public static final ClockTime MIDNIGHT = new ClockTime(0);
    public static final ClockTime END_OF_DAY = new ClockTime(MINUTES_PER_DAY);

    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):([0-5][0-9])|24:00");

    public ClockTime {
        if (minuteOfDay < 0 || minuteOfDay > MINUTES_PER_DAY) {
            throw new IllegalArgumentException("minute of day out of range 0.." + MINUTES_PER_DAY + ": " + minuteOfDay);
        }
    }

    public static ClockTime of(int hour, int minute) {
        return new ClockTime(hour * 60 + minute);
    }

    /** Strict "HH:MM" (two digits each, 24-hour clock) or "24:00"; anything else is empty. */
    public static Optional<ClockTime> parse(String text) {
        if (text == null || !HH_MM.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(of(Integer.parseInt(text.substring(0, 2)), Integer.parseInt(text.substring(3, 5))));
    }

    public boolean isEndOfDay() {
        return minuteOfDay == MINUTES_PER_DAY;
    }

    public int hour() {
        return minuteOfDay / 60;
    }

    public int minute() {
        return minuteOfDay % 60;
    }

    /** The time as it appears on a clock: 24:00 is the next day's 00:00. */
    public LocalTime toLocalTime() {
        return isEndOfDay() ? LocalTime.MIDNIGHT : LocalTime.of(hour(), minute());
    }

    @Override
    public int compareTo(ClockTime other) {
        return Integer.compare(minuteOfDay, other.minuteOfDay);
    }

    @Override
    public String toString() {
        return String.format("%02d:%02d", hour(), minute());
    }
}

package io.lmi.controlplane.core.assess;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A function's CloudWatch history over a window, one point per period that has any datapoint (AWS/Lambda publishes
 * nothing for a period without invocations, so a missing period means no traffic).
 *
 * @param start               first instant of the window (inclusive), aligned to the period
 * @param end                 end of the window (exclusive), aligned to the period
 * @param periodSeconds       60 for windows CloudWatch keeps at one-minute resolution (15 days), 300 beyond
 * @param points              the periods with data, oldest first
 * @param windowP99DurationMs Duration p99 over the whole window as CloudWatch computes it (one period spanning the
 *                            window), or null when there was no invocation; per-period p99s cannot be combined
 */
public record MetricsHistory(Instant start, Instant end, int periodSeconds, List<Point> points,
                             Double windowP99DurationMs) {

    public MetricsHistory {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (periodSeconds <= 0) {
            throw new IllegalArgumentException("periodSeconds must be > 0, was " + periodSeconds);
        }
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("the window must end after it starts: " + start + " .. " + end);
        }
        if (Duration.between(start, end).getSeconds() % periodSeconds != 0) {
            throw new IllegalArgumentException("the window " + start + " .. " + end + " is not a whole number of "
                    + periodSeconds + " s periods");
        }
        List<Point> sorted = new ArrayList<>(Objects.requireNonNull(points, "points"));
        sorted.sort(Comparator.comparing(Point::at));
        for (int i = 0; i < sorted.size(); i++) {
            Point p = sorted.get(i);
            if (p.at().isBefore(start) || !p.at().isBefore(end)) {
                throw new IllegalArgumentException("point at " + p.at() + " is outside the window " + start + " .. " + end);
            }
            if (i > 0 && sorted.get(i - 1).at().equals(p.at())) {
                throw new IllegalArgumentException("two points at " + p.at() + ": merge the metrics of one period");
            }
        }
        points = List.copyOf(sorted);
    }

    public Duration window() {
        return Duration.between(start, end);
    }

    /** Number of periods in the window. */
    public int periods() {
        return (int) (window().getSeconds() / periodSeconds);
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }

    /**
     * One period's metrics; a metric without a datapoint in the period is 0 (counts) or null (statistics).
     *
     * @param at             start of the period
     * @param invocations    Invocations, Sum
     * @param errors         Errors, Sum
     * @param throttles      Throttles, Sum
     * @param avgDurationMs  Duration, Average
     * @param p99DurationMs  Duration, p99
     * @param maxConcurrency ConcurrentExecutions, Maximum
     */
    public record Point(Instant at, double invocations, double errors, double throttles, Double avgDurationMs,
                        Double p99DurationMs, Double maxConcurrency) {
        public Point {
            Objects.requireNonNull(at, "at");
            if (invocations < 0 || errors < 0 || throttles < 0) {
                throw new IllegalArgumentException("counts cannot be negative at " + at);
            }
        }
    }
}

package io.lmi.controlplane.core.assess;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

/**
 * Synthetic CloudWatch histories: a rate per period (requests per second) turned into the per-period metrics Lambda
 * publishes, with concurrency from Little's law plus the minute's jitter, and nothing for idle periods.
 */
final class Histories {
    /** A Monday at 00:00 UTC, so weekly shapes start on their first bucket. */
    static final Instant END = ZonedDateTime.of(2026, 11, 23, 0, 0, 0, 0, ZoneOffset.UTC).toInstant();
    static final int MINUTE = 60;

    private Histories() {
    }

    /**
     * @param days          window length
     * @param observedDays  days of data at the end of the window (the function's age)
     * @param rate          requests per second in period i of the window
     * @param durationMs    average duration
     */
    static MetricsHistory history(int days, int observedDays, IntToDoubleFunction rate, double durationMs) {
        Instant start = END.minusSeconds(days * 86_400L);
        int periods = days * 1440;
        int firstObserved = (days - observedDays) * 1440;
        List<MetricsHistory.Point> points = new ArrayList<>();
        for (int i = firstObserved; i < periods; i++) {
            double rps = rate.applyAsDouble(i);
            double invocations = Math.round(rps * MINUTE);
            if (invocations <= 0) {
                continue;
            }
            double concurrency = Math.ceil(rps * durationMs / 1000.0 * 1.2);
            points.add(new MetricsHistory.Point(start.plusSeconds((long) i * MINUTE), invocations, 0, 0, durationMs,
                    durationMs * 2.5, Math.max(1, concurrency)));
        }
        return new MetricsHistory(start, END, MINUTE, points, points.isEmpty() ? null : durationMs * 2.5);
    }

    /** About {@code rps} all the time with a gentle daily cycle and a little noise: a busy API. */
    static MetricsHistory steady(double rps, double durationMs) {
        Random random = new Random(7);
        return history(14, 14, i -> rps * (0.85 + 0.15 * Math.sin(2 * Math.PI * (i % 1440) / 1440.0))
                * (0.97 + 0.06 * random.nextDouble()), durationMs);
    }

    /** A low base with a 5-minute burst of {@code burstRps} every 3 hours. */
    static MetricsHistory bursty(double baseRps, double burstRps, double durationMs) {
        return history(14, 14, i -> i % 180 < 5 ? burstRps : baseRps, durationMs);
    }

    /** A handful of invocations an hour, only in business hours. */
    static MetricsHistory idle(double durationMs) {
        return history(14, 14, i -> {
            int minuteOfDay = i % 1440;
            return minuteOfDay >= 9 * 60 && minuteOfDay < 17 * 60 && minuteOfDay % 20 == 0 ? 0.05 : 0;
        }, durationMs);
    }
}

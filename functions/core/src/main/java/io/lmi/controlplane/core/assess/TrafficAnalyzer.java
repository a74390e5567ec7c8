package io.lmi.controlplane.core.assess;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a {@link MetricsHistory} into a {@link TrafficProfile}: volume, rates, idle share, durations, concurrency and
 * the daily and weekly shape. Pure arithmetic over the periods of the observed span (docs/assessment.md).
 */
public final class TrafficAnalyzer {
    private static final int HOURS_PER_DAY = 24;
    private static final int HOURS_PER_WEEK = 7 * HOURS_PER_DAY;

    private final AssessmentPolicy policy;
    private final long secondsPerMonth;

    /** @param secondsPerMonth the month the cost engine prices (730 hours: CostPolicy#secondsPerMonth) */
    public TrafficAnalyzer(AssessmentPolicy policy, long secondsPerMonth) {
        this.policy = policy;
        this.secondsPerMonth = secondsPerMonth;
    }

    /** The profile and the per-period concurrency it was built from (for the rise measurement, once sized). */
    public record Analysis(TrafficProfile profile, double[] concurrency) {
    }

    public Analysis analyze(MetricsHistory history) {
        int period = history.periodSeconds();
        if (history.isEmpty()) {
            return new Analysis(new TrafficProfile(history.start(), history.end(), period, null, 0, 0, 0, 0, 0, null,
                    null, 0, 0, 0, null, null, 1.0, null, null, null, 0, policy.concurrencyPercentile(), null,
                    shape(new Slots(history.end(), period, 0), false), shape(new Slots(history.end(), period, 0), true)),
                    new double[0]);
        }
        Instant firstData = history.points().get(0).at();
        Instant observedFrom = firstData.isBefore(history.start().plusSeconds(policy.windowStartToleranceHours() * 3600L))
                ? history.start() : firstData;
        int n = (int) ((history.end().getEpochSecond() - observedFrom.getEpochSecond()) / period);
        Slots slots = new Slots(observedFrom, period, n);
        double invocations = 0;
        double errors = 0;
        double throttles = 0;
        double weightedDuration = 0;
        double durationWeight = 0;
        Double peakConcurrency = null;
        for (MetricsHistory.Point p : history.points()) {
            int i = (int) ((p.at().getEpochSecond() - observedFrom.getEpochSecond()) / period);
            slots.invocations[i] += p.invocations();
            invocations += p.invocations();
            errors += p.errors();
            throttles += p.throttles();
            if (p.avgDurationMs() != null && p.invocations() > 0) {
                weightedDuration += p.avgDurationMs() * p.invocations();
                durationWeight += p.invocations();
                slots.avgDurationMs[i] = p.avgDurationMs();
            }
            if (p.maxConcurrency() != null) {
                slots.concurrency[i] = Math.max(slots.concurrency[i], p.maxConcurrency());
                slots.concurrencyMeasured[i] = true;
                peakConcurrency = peakConcurrency == null ? p.maxConcurrency() : Math.max(peakConcurrency, p.maxConcurrency());
            }
        }
        Double avgDurationMs = durationWeight > 0 ? weightedDuration / durationWeight : null;
        slots.fillUnmeasuredConcurrency(avgDurationMs);

        double observedSeconds = (double) n * period;
        double meanRps = invocations / observedSeconds;
        int peakIndex = 0;
        int idle = 0;
        Set<LocalDate> daysWithTraffic = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (slots.invocations[i] > slots.invocations[peakIndex]) {
                peakIndex = i;
            }
            if (slots.invocations[i] <= 0) {
                idle++;
            } else {
                daysWithTraffic.add(slots.start(i).atOffset(ZoneOffset.UTC).toLocalDate());
            }
        }
        double peakRps = slots.invocations[peakIndex] / period;
        TrafficProfile profile = new TrafficProfile(
                history.start(), history.end(), period, observedFrom,
                Rounding.round(observedSeconds / 86_400.0), daysWithTraffic.size(),
                Math.round(invocations), Math.round(errors), Math.round(throttles),
                invocations > 0 ? Rounding.round(errors / invocations) : null,
                invocations + throttles > 0 ? Rounding.round(throttles / (invocations + throttles)) : null,
                Math.round(invocations / observedSeconds * secondsPerMonth),
                Rounding.round(meanRps), Rounding.round(peakRps),
                invocations > 0 ? slots.start(peakIndex) : null,
                meanRps > 0 ? Rounding.round(peakRps / meanRps) : null,
                Rounding.round((double) idle / n),
                Rounding.round(avgDurationMs),
                invocations > 0 ? Rounding.round(history.windowP99DurationMs()) : null,
                Rounding.round(peakConcurrency),
                Rounding.round(percentile(slots.concurrency, policy.concurrencyPercentile())),
                policy.concurrencyPercentile(),
                null,
                shape(slots, false),
                shape(slots, true));
        return new Analysis(profile, slots.concurrency.clone());
    }

    /** Nearest rank: the smallest value with at least {@code percentile}% of the values at or below it. */
    static double percentile(double[] values, double percentile) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private List<TrafficProfile.HourShape> shape(Slots slots, boolean weekly) {
        int buckets = weekly ? HOURS_PER_WEEK : HOURS_PER_DAY;
        List<List<Integer>> members = new ArrayList<>();
        for (int b = 0; b < buckets; b++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < slots.size; i++) {
            ZonedDateTime t = slots.start(i).atZone(ZoneOffset.UTC);
            int hour = t.getHour();
            int bucket = weekly ? (t.getDayOfWeek().getValue() - 1) * HOURS_PER_DAY + hour : hour;
            members.get(bucket).add(i);
        }
        List<TrafficProfile.HourShape> out = new ArrayList<>();
        int periodsPerHour = Math.max(1, 3600 / slots.period);
        for (int b = 0; b < buckets; b++) {
            List<Integer> in = members.get(b);
            double sum = 0;
            double max = 0;
            double[] concurrency = new double[in.size()];
            for (int k = 0; k < in.size(); k++) {
                int i = in.get(k);
                sum += slots.invocations[i];
                concurrency[k] = slots.concurrency[i];
                max = Math.max(max, slots.concurrency[i]);
            }
            double seconds = (double) in.size() * slots.period;
            int observedHours = (int) Math.ceil((double) in.size() / periodsPerHour);
            out.add(new TrafficProfile.HourShape(weekly ? DayOfWeek.of(b / HOURS_PER_DAY + 1) : null,
                    b % HOURS_PER_DAY, observedHours, seconds > 0 ? Rounding.round(sum / seconds) : 0,
                    Rounding.round(percentile(concurrency, policy.concurrencyPercentile())), Rounding.round(max),
                    null));
        }
        return out;
    }

    /** The observed span as dense arrays, one slot per period; a period without data is idle. */
    private static final class Slots {
        final Instant from;
        final int period;
        final int size;
        final double[] invocations;
        final double[] concurrency;
        final boolean[] concurrencyMeasured;
        final double[] avgDurationMs;

        Slots(Instant from, int period, int size) {
            this.from = from;
            this.period = period;
            this.size = size;
            this.invocations = new double[size];
            this.concurrency = new double[size];
            this.concurrencyMeasured = new boolean[size];
            this.avgDurationMs = new double[size];
        }

        Instant start(int i) {
            return from.plusSeconds((long) i * period);
        }

        /**
         * Where ConcurrentExecutions has no datapoint but invocations do, Little's law gives the period's mean
         * concurrency: invocations per second x average duration (the period's, else the window's).
         */
        void fillUnmeasuredConcurrency(Double windowAvgDurationMs) {
            for (int i = 0; i < size; i++) {
                if (!concurrencyMeasured[i] && invocations[i] > 0) {
                    double duration = avgDurationMs[i] > 0 ? avgDurationMs[i]
                            : windowAvgDurationMs == null ? 0 : windowAvgDurationMs;
                    concurrency[i] = invocations[i] / period * duration / 1000.0;
                }
            }
        }
    }
}

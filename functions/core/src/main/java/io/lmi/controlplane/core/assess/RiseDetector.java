package io.lmi.controlplane.core.assess;

import java.time.Instant;

/**
 * Measures how fast concurrency rises: for every period, the highest concurrency within the next rise window (5
 * minutes) over the baseline, which is what the period had or what the minimum execution environments always hold,
 * whichever is more. LMI keeps headroom for traffic to double within 5 minutes; a larger ratio would throttle.
 */
public final class RiseDetector {
    private RiseDetector() {
    }

    /**
     * @param concurrency      per-period concurrency over the observed span (TrafficAnalyzer.Analysis)
     * @param floorConcurrency the concurrency the minimum execution environments hold without scaling
     * @return the largest rise, or null when a period is longer than the rise window (it cannot be seen) or there
     *     are no periods
     */
    public static TrafficProfile.Rise largest(double[] concurrency, Instant observedFrom, int periodSeconds,
                                              AssessmentPolicy policy, double floorConcurrency) {
        int window = policy.riseWindowMinutes() * 60 / periodSeconds;
        if (window < 1 || concurrency.length == 0 || observedFrom == null) {
            return null;
        }
        double floor = Math.max(floorConcurrency, Double.MIN_NORMAL);
        double bestRatio = 0;
        int bestAt = 0;
        double bestTo = 0;
        int events = 0;
        int lastEvent = -window;
        for (int i = 0; i < concurrency.length; i++) {
            double baseline = Math.max(concurrency[i], floor);
            double ahead = 0;
            for (int j = i + 1; j <= i + window && j < concurrency.length; j++) {
                ahead = Math.max(ahead, concurrency[j]);
            }
            double ratio = ahead / baseline;
            if (ratio > bestRatio) {
                bestRatio = ratio;
                bestAt = i;
                bestTo = ahead;
            }
            if (ratio > policy.riseLimit() && i - lastEvent >= window) {
                events++;
                lastEvent = i;
            }
        }
        return new TrafficProfile.Rise(Rounding.round(bestRatio), observedFrom.plusSeconds((long) bestAt * periodSeconds),
                Rounding.round(concurrency[bestAt]), Rounding.round(bestTo),
                Rounding.round(Math.max(concurrency[bestAt], floorConcurrency)), policy.riseWindowMinutes(),
                policy.riseLimit(), events);
    }
}

package io.lmi.controlplane.core.assess;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.function.DoubleToIntFunction;

/**
 * What the function's traffic looked like over the window (docs/assessment.md, "Traffic profile"). Rates are per
 * second, concurrency is in concurrent invocations, hours are UTC. A period without any datapoint counts as idle.
 *
 * @param observedFrom             the first period with any datapoint, or the window's start when that came within the
 *                                 policy's tolerance (a day) of it; null when there is none. The profile covers
 *                                 {@code observedFrom .. windowEnd}, so a function created during the window is not
 *                                 diluted by the days before it existed
 * @param observedDays             length of the observed span in days
 * @param daysWithTraffic          UTC calendar dates with at least one invocation (a 7-day window that does not start
 *                                 at midnight touches 8)
 * @param requestsPerMonth         invocations per observed second x seconds in a month (730 hours)
 * @param peakRequestsPerSecond    the busiest period's invocations per second
 * @param peakToMeanRatio          peak over mean rate; null without traffic
 * @param idleShare                share of observed periods without an invocation
 * @param avgDurationMs            invocation-weighted mean of the periods' average durations
 * @param p99DurationMs            Duration p99 over the whole window (CloudWatch's own), null without traffic
 * @param peakConcurrency          ConcurrentExecutions maximum; null when CloudWatch had none
 * @param highPercentileConcurrency the policy's percentile (95th) of per-period concurrency, idle periods included
 * @param concurrencyPercentile    which percentile that is
 * @param largestRise              the largest rise within the rise window; null until sized (it is measured against the
 *                                 concurrency the minimum execution environments hold) or when periods are longer
 *                                 than the window
 * @param dailyShape               24 entries, one per UTC hour
 * @param weeklyShape              168 entries, Monday 00:00 UTC first: the shape capacity schedules start from
 */
public record TrafficProfile(
        Instant windowStart,
        Instant windowEnd,
        int periodSeconds,
        Instant observedFrom,
        double observedDays,
        int daysWithTraffic,
        long invocations,
        long errors,
        long throttles,
        Double errorRate,
        Double throttleRate,
        long requestsPerMonth,
        double meanRequestsPerSecond,
        double peakRequestsPerSecond,
        Instant peakAt,
        Double peakToMeanRatio,
        double idleShare,
        Double avgDurationMs,
        Double p99DurationMs,
        Double peakConcurrency,
        double highPercentileConcurrency,
        double concurrencyPercentile,
        Rise largestRise,
        List<HourShape> dailyShape,
        List<HourShape> weeklyShape) {

    public TrafficProfile {
        dailyShape = List.copyOf(dailyShape);
        weeklyShape = List.copyOf(weeklyShape);
    }

    public boolean hasTraffic() {
        return invocations > 0;
    }

    public TrafficProfile withRise(Rise rise) {
        return new TrafficProfile(windowStart, windowEnd, periodSeconds, observedFrom, observedDays, daysWithTraffic,
                invocations, errors, throttles, errorRate, throttleRate, requestsPerMonth, meanRequestsPerSecond,
                peakRequestsPerSecond, peakAt, peakToMeanRatio, idleShare, avgDurationMs, p99DurationMs,
                peakConcurrency, highPercentileConcurrency, concurrencyPercentile, rise, dailyShape, weeklyShape);
    }

    /** The shapes with the execution environments each hour would need, from its high-percentile concurrency. */
    public TrafficProfile withEnvironments(DoubleToIntFunction environmentsFor) {
        return new TrafficProfile(windowStart, windowEnd, periodSeconds, observedFrom, observedDays, daysWithTraffic,
                invocations, errors, throttles, errorRate, throttleRate, requestsPerMonth, meanRequestsPerSecond,
                peakRequestsPerSecond, peakAt, peakToMeanRatio, idleShare, avgDurationMs, p99DurationMs,
                peakConcurrency, highPercentileConcurrency, concurrencyPercentile, largestRise,
                dailyShape.stream().map(h -> h.withEnvironments(environmentsFor)).toList(),
                weeklyShape.stream().map(h -> h.withEnvironments(environmentsFor)).toList());
    }

    /**
     * The largest rise of concurrency within the window, measured against what the function already had or what the
     * minimum execution environments always hold, whichever is more.
     *
     * @param ratio                the largest (later concurrency / baseline) seen
     * @param at                   start of the period the rise started from
     * @param fromConcurrency      concurrency in that period
     * @param toConcurrency        the highest concurrency within the window after it
     * @param baselineConcurrency  max(fromConcurrency, what the minimum execution environments hold)
     * @param windowMinutes        the rise window (5)
     * @param limit                the rise LMI absorbs within the window (2)
     * @param eventsAboveLimit     separate rises above the limit (one per window: a rise lasting longer counts once)
     */
    public record Rise(double ratio, Instant at, double fromConcurrency, double toConcurrency,
                       double baselineConcurrency, int windowMinutes, double limit, int eventsAboveLimit) {
    }

    /**
     * One hour of the day (dailyShape) or of the week (weeklyShape), averaged over the observed periods that fall in it.
     *
     * @param dayOfWeek                 null in the daily shape
     * @param observedHours             how many such hours the window observed (0: nothing is known about it)
     * @param executionEnvironments     execution environments for the hour's high-percentile concurrency, with the
     *                                  production minimum; null until sized
     */
    public record HourShape(DayOfWeek dayOfWeek, int hourUtc, int observedHours, double meanRequestsPerSecond,
                            double highPercentileConcurrency, double maxConcurrency, Integer executionEnvironments) {

        HourShape withEnvironments(DoubleToIntFunction environmentsFor) {
            return new HourShape(dayOfWeek, hourUtc, observedHours, meanRequestsPerSecond, highPercentileConcurrency,
                    maxConcurrency, observedHours == 0 ? null : environmentsFor.applyAsInt(highPercentileConcurrency));
        }
    }
}

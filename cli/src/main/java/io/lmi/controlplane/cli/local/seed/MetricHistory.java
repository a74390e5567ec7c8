package io.lmi.controlplane.cli.local.seed;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Puts the per-minute AWS/Lambda history a function would have on AWS (the local AWS publishes none of its own):
 * Invocations, Errors, Throttles, Duration (as a distribution, so p99 is real) and ConcurrentExecutions.
 */
public final class MetricHistory {
    /** PutMetricData takes up to 1000 data points per call. */
    private static final int BATCH = 1000;

    private final CloudWatchClient cloudWatch;

    public MetricHistory(CloudWatchClient cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    /**
     * Steady traffic around {@code requestsPerSecond} with a gentle daily swing (+-20%, peak at 14:00 UTC), durations
     * around {@code averageDurationMs}, and a small error rate.
     */
    public void steady(String functionName, Duration window, double requestsPerSecond, double averageDurationMs,
                       double errorRate, long seed) {
        Random random = new Random(seed);
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(window);
        Dimension function = Dimension.builder().name("FunctionName").value(functionName).build();
        List<MetricDatum> batch = new ArrayList<>();
        for (Instant minute = start; minute.isBefore(end); minute = minute.plus(Duration.ofMinutes(1))) {
            double hour = minute.atZone(ZoneOffset.UTC).getHour() + minute.atZone(ZoneOffset.UTC).getMinute() / 60.0;
            double daily = 1 + 0.2 * Math.sin((hour - 8) / 24 * 2 * Math.PI);
            double invocations = Math.max(0, Math.round(requestsPerSecond * 60 * daily * (0.95 + 0.1 * random.nextDouble())));
            double errors = Math.round(invocations * errorRate * random.nextDouble() * 2);
            double duration = averageDurationMs * (0.9 + 0.2 * random.nextDouble());
            double concurrency = Math.ceil(invocations / 60 * duration / 1000 * 1.6);
            Instant at = minute;
            batch.add(datum("Invocations", function, at, invocations, StandardUnit.COUNT));
            batch.add(datum("Errors", function, at, errors, StandardUnit.COUNT));
            batch.add(datum("Throttles", function, at, 0, StandardUnit.COUNT));
            batch.add(datum("ConcurrentExecutions", function, at, concurrency, StandardUnit.COUNT));
            batch.add(MetricDatum.builder().metricName("Duration").dimensions(function).timestamp(at)
                    .unit(StandardUnit.MILLISECONDS)
                    // A distribution per minute: most requests near the mean, a tail at 3-4x.
                    .values(duration * 0.6, duration * 0.9, duration * 1.2, duration * 3.5)
                    .counts(invocations * 0.3, invocations * 0.45, invocations * 0.24, invocations * 0.01).build());
            if (batch.size() >= BATCH - 5) {
                flush(batch);
            }
        }
        flush(batch);
    }

    private static MetricDatum datum(String name, Dimension dimension, Instant at, double value, StandardUnit unit) {
        return MetricDatum.builder().metricName(name).dimensions(dimension).timestamp(at).value(value).unit(unit).build();
    }

    private void flush(List<MetricDatum> batch) {
        if (!batch.isEmpty()) {
            List<MetricDatum> data = List.copyOf(batch);
            cloudWatch.putMetricData(r -> r.namespace("AWS/Lambda").metricData(data));
            batch.clear();
        }
    }
}

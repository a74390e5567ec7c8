package io.lmi.controlplane.functions.assess;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Puts the one-minute AWS/Lambda metrics a function with a given request rate publishes: Invocations (Sum),
 * Duration (two samples a minute whose mean is the average and whose larger one is the minute's p99) and
 * ConcurrentExecutions (Little's law with 20% of jitter on top). Minutes without invocations get no datapoint, as on
 * AWS. Datapoints go 1000 to a call, PutMetricData's limit.
 */
final class MetricSeeder {
    static final String NAMESPACE = "AWS/Lambda";
    private static final int BATCH = 1000;
    /** The minute's slowest invocations take half as long again as its average. */
    private static final double TAIL = 1.5;

    private final CloudWatchClient cloudWatch;

    MetricSeeder(CloudWatchClient cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    /**
     * @param from       the first minute
     * @param minutes    how many minutes
     * @param rps        requests per second in minute i (0: idle)
     * @param durationMs average duration
     */
    void seed(String function, Instant from, int minutes, IntToDoubleFunction rps, double durationMs) {
        Dimension dimension = Dimension.builder().name("FunctionName").value(function).build();
        List<MetricDatum> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < minutes; i++) {
            double invocations = Math.round(rps.applyAsDouble(i) * 60);
            if (invocations <= 0) {
                continue;
            }
            Instant at = from.plusSeconds(i * 60L);
            double concurrency = Math.max(1, Math.ceil(invocations / 60 * durationMs / 1000 * 1.2));
            batch.add(datum("Invocations", dimension, at, StandardUnit.COUNT).value(invocations).build());
            batch.add(datum("Duration", dimension, at, StandardUnit.MILLISECONDS)
                    .values((2 - TAIL) * durationMs, TAIL * durationMs).build());
            batch.add(datum("ConcurrentExecutions", dimension, at, StandardUnit.COUNT).value(concurrency).build());
            if (batch.size() + 3 > BATCH) {
                flush(batch);
            }
        }
        flush(batch);
    }

    private void flush(List<MetricDatum> batch) {
        if (!batch.isEmpty()) {
            List<MetricDatum> data = List.copyOf(batch);
            cloudWatch.putMetricData(r -> r.namespace(NAMESPACE).metricData(data));
            batch.clear();
        }
    }

    private static MetricDatum.Builder datum(String name, Dimension dimension, Instant at, StandardUnit unit) {
        return MetricDatum.builder().metricName(name).dimensions(dimension).timestamp(at).unit(unit);
    }
}

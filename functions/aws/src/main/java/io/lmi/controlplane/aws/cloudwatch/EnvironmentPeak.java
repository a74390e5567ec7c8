package io.lmi.controlplane.aws.cloudwatch;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

/**
 * How many execution environments a published version needed at its recent peak, from the metrics LMI publishes per
 * version: its highest {@code ExecutionEnvironmentConcurrency} over the concurrency one environment takes
 * ({@code ExecutionEnvironmentConcurrencyLimit}). Should the concurrency metric turn out to be per environment
 * rather than the version's total, the quotient is at most 1 and a caller taking the larger of it and the configured
 * minimum is unaffected, never misled low.
 */
public final class EnvironmentPeak {
    /** LMI publishes its execution-environment metrics every 5 minutes; a shorter period returns nothing. */
    static final int PERIOD_SECONDS = 300;

    private final CloudWatchClient cloudWatch;

    public EnvironmentPeak(CloudWatchClient cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    /** The peak between {@code from} and {@code to}; empty when LMI published no data for the version then. */
    public OptionalInt environments(String capacityProviderName, String functionName, String version, Instant from,
                                    Instant to) {
        List<Dimension> dimensions = List.of(
                Dimension.builder().name("CapacityProviderName").value(capacityProviderName).build(),
                Dimension.builder().name("FunctionName").value(functionName).build(),
                Dimension.builder().name("Resource").value(functionName + ":" + version).build());
        var response = cloudWatch.getMetricData(r -> r.startTime(from).endTime(to).metricDataQueries(
                query("concurrency", "ExecutionEnvironmentConcurrency", dimensions),
                query("limit", "ExecutionEnvironmentConcurrencyLimit", dimensions)));
        double concurrency = highest(response.metricDataResults(), "concurrency");
        double limit = highest(response.metricDataResults(), "limit");
        if (concurrency <= 0 || limit <= 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) Math.ceil(concurrency / limit));
    }

    private static MetricDataQuery query(String id, String metric, List<Dimension> dimensions) {
        return MetricDataQuery.builder().id(id)
                .metricStat(s -> s.period(PERIOD_SECONDS).stat("Maximum")
                        .metric(m -> m.namespace(GateAlarms.NAMESPACE).metricName(metric).dimensions(dimensions)))
                .build();
    }

    private static double highest(List<MetricDataResult> results, String id) {
        return results.stream().filter(r -> id.equals(r.id())).flatMap(r -> r.values().stream())
                .mapToDouble(Double::doubleValue).max().orElse(0);
    }
}

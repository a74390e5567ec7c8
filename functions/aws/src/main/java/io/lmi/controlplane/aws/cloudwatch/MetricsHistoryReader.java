package io.lmi.controlplane.aws.cloudwatch;

import io.lmi.controlplane.core.assess.MetricsHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * Reads a function's AWS/Lambda history in one GetMetricData request (paged with NextToken): Invocations, Errors and
 * Throttles (Sum), Duration (Average and p99 per period, and p99 over the whole window), ConcurrentExecutions
 * (Maximum). Read-only: needs cloudwatch:GetMetricData.
 *
 * <p>The dimension is {@code FunctionName} alone: AWS/Lambda publishes it as the aggregate of every version and alias
 * of the function (Lambda DG, "Types of metrics for Lambda functions"; {@code Resource} would select one version or
 * alias), which is the traffic a migration moves.
 */
public final class MetricsHistoryReader {
    public static final String NAMESPACE = "AWS/Lambda";
    /** CloudWatch keeps one-minute datapoints for 15 days, then five-minute ones for 63 days (CloudWatch retention). */
    public static final Duration ONE_MINUTE_RETENTION = Duration.ofDays(15);
    public static final Duration FIVE_MINUTE_RETENTION = Duration.ofDays(63);
    static final int ONE_MINUTE = 60;
    static final int FIVE_MINUTES = 300;

    private static final String INVOCATIONS = "invocations";
    private static final String ERRORS = "errors";
    private static final String THROTTLES = "throttles";
    private static final String DURATION_AVG = "durationAvg";
    private static final String DURATION_P99 = "durationP99";
    private static final String CONCURRENCY = "concurrency";
    private static final String WINDOW_P99 = "windowP99";

    private final CloudWatchClient cloudWatch;

    public MetricsHistoryReader(CloudWatchClient cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    /** The period the window is read at: one minute while CloudWatch still has one-minute data, else five. */
    public static int periodFor(Duration window) {
        return window.compareTo(ONE_MINUTE_RETENTION) <= 0 ? ONE_MINUTE : FIVE_MINUTES;
    }

    /**
     * @param now    the window ends at the last whole period before it
     * @param window whole days, at most 63 (five-minute data is kept that long)
     */
    public MetricsHistory read(String functionName, Instant now, Duration window) {
        if (window.isNegative() || window.isZero() || window.compareTo(FIVE_MINUTE_RETENTION) > 0
                || window.getSeconds() % 86_400 != 0) {
            throw new IllegalArgumentException("the window must be 1 to 63 whole days, was " + window);
        }
        int period = periodFor(window);
        Instant end = Instant.ofEpochSecond(now.getEpochSecond() / period * period);
        Instant start = end.minus(window);
        List<MetricDataQuery> queries = List.of(
                query(INVOCATIONS, functionName, "Invocations", "Sum", period),
                query(ERRORS, functionName, "Errors", "Sum", period),
                query(THROTTLES, functionName, "Throttles", "Sum", period),
                query(DURATION_AVG, functionName, "Duration", "Average", period),
                query(DURATION_P99, functionName, "Duration", "p99", period),
                query(CONCURRENCY, functionName, "ConcurrentExecutions", "Maximum", period),
                // One period spanning the window: CloudWatch's own p99 of every invocation in it.
                query(WINDOW_P99, functionName, "Duration", "p99", (int) window.getSeconds()));
        Map<Instant, Period> periods = new TreeMap<>();
        Double windowP99 = null;
        String token = null;
        do {
            String page = token;
            GetMetricDataResponse response = cloudWatch.getMetricData(r -> r.metricDataQueries(queries)
                    .startTime(start).endTime(end).scanBy(ScanBy.TIMESTAMP_ASCENDING).nextToken(page));
            for (MetricDataResult result : response.metricDataResults()) {
                if (result.statusCode() == StatusCode.FORBIDDEN || result.statusCode() == StatusCode.INTERNAL_ERROR) {
                    throw new IllegalStateException("CloudWatch answered " + result.statusCodeAsString() + " for "
                            + result.id() + " of " + functionName + ": " + result.messages());
                }
                if (WINDOW_P99.equals(result.id())) {
                    if (!result.values().isEmpty()) {
                        windowP99 = result.values().get(0);
                    }
                    continue;
                }
                for (int i = 0; i < result.timestamps().size(); i++) {
                    periods.computeIfAbsent(result.timestamps().get(i), Period::new)
                            .set(result.id(), result.values().get(i));
                }
            }
            token = response.nextToken();
        } while (token != null);
        List<MetricsHistory.Point> points = new ArrayList<>();
        for (Period p : periods.values()) {
            if (!p.at.isBefore(start) && p.at.isBefore(end)) {
                points.add(p.point());
            }
        }
        return new MetricsHistory(start, end, period, points, windowP99);
    }

    private static MetricDataQuery query(String id, String functionName, String metric, String stat, int period) {
        return MetricDataQuery.builder().id(id).returnData(true)
                .metricStat(s -> s.period(period).stat(stat).metric(m -> m.namespace(NAMESPACE).metricName(metric)
                        .dimensions(Dimension.builder().name("FunctionName").value(functionName).build())))
                .build();
    }

    /** One period's values as they arrive, metric by metric. */
    private static final class Period {
        final Instant at;
        double invocations;
        double errors;
        double throttles;
        Double durationAvg;
        Double durationP99;
        Double concurrency;

        Period(Instant at) {
            this.at = at;
        }

        void set(String id, Double value) {
            switch (id) {
                case INVOCATIONS -> invocations = value;
                case ERRORS -> errors = value;
                case THROTTLES -> throttles = value;
                case DURATION_AVG -> durationAvg = value;
                case DURATION_P99 -> durationP99 = value;
                case CONCURRENCY -> concurrency = value;
                default -> throw new IllegalStateException("CloudWatch answered a query that was not asked: " + id);
            }
        }

        MetricsHistory.Point point() {
            return new MetricsHistory.Point(at, invocations, errors, throttles, durationAvg, durationP99, concurrency);
        }
    }
}

package io.lmi.controlplane.aws.cloudwatch;

import io.lmi.controlplane.core.gate.AlarmState;
import io.lmi.controlplane.core.gate.GateSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/**
 * The alarms that gate traffic steps on a new LMI function, and what they see.
 *
 * <p>Dimensions follow AWS/Lambda: alias metrics (Invocations, Errors, Throttles) carry FunctionName and
 * Resource = function:alias; LMI execution-environment metrics carry CapacityProviderName, FunctionName and
 * Resource = function:version (versions only, never aliases). Missing data is not breaching: no traffic is judged by
 * the traffic check, not by the alarms.
 */
public final class GateAlarms {
    public static final String NAMESPACE = "AWS/Lambda";
    /** AWS/Lambda's metric resolution, in seconds. */
    private static final int ONE_MINUTE = 60;
    private static final String TREAT_MISSING_AS_NOT_BREACHING = "notBreaching";

    private final CloudWatchClient cloudWatch;

    public GateAlarms(CloudWatchClient cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    /**
     * Where the alarms look: the new function, the alias traffic goes through, and the version being judged. With
     * {@code executedVersion}, the alias's errors and throttles count only requests that version served (a rollout's
     * canary); without, all of the alias's (a migration's new function serves them all).
     */
    public record Subject(String functionName, String alias, String version, String capacityProviderName,
                          String executedVersion) {
        public Subject(String functionName, String alias, String version, String capacityProviderName) {
            this(functionName, alias, version, capacityProviderName, null);
        }

        String aliasResource() {
            return functionName + ":" + alias;
        }

        String versionResource() {
            return functionName + ":" + version;
        }
    }

    /** The alarm names this operation uses for {@code subject}; stable, so a retried step overwrites them. */
    public static List<String> names(String prefix) {
        return List.of(prefix + "-error-rate", prefix + "-throttle-rate", prefix + "-cpu", prefix + "-memory",
                prefix + "-concurrency");
    }

    /** Creates (or updates) the five gate alarms and returns their names. PutMetricAlarm is an upsert. */
    public List<String> put(String prefix, Subject subject, GateSettings settings, Map<String, String> tags) {
        List<Tag> alarmTags = tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList();
        List<String> names = names(prefix);
        int aliasPeriod = settings.aliasPeriodSeconds();
        cloudWatch.putMetricAlarm(rate(names.get(0), "Error rate of " + subject.aliasResource()
                        + " above " + settings.errorRatePercent() + "% (migration gate)",
                "100 * errors / invocations", settings.errorRatePercent(), settings, aliasPeriod, alarmTags,
                aliasQuery("errors", "Errors", subject, aliasPeriod),
                aliasQuery("invocations", "Invocations", subject, aliasPeriod)));
        cloudWatch.putMetricAlarm(rate(names.get(1), "Throttle rate of " + subject.aliasResource()
                        + " above " + settings.throttleRatePercent() + "% (seed rule: throttles > 1%)",
                "100 * throttles / (invocations + throttles)", settings.throttleRatePercent(), settings, aliasPeriod,
                alarmTags,
                aliasQuery("throttles", "Throttles", subject, aliasPeriod),
                aliasQuery("invocations", "Invocations", subject, aliasPeriod)));
        cloudWatch.putMetricAlarm(environment(names.get(2), "ExecutionEnvironmentCPUUtilization",
                settings.cpuPercent(), subject, settings, alarmTags));
        cloudWatch.putMetricAlarm(environment(names.get(3), "ExecutionEnvironmentMemoryUtilization",
                settings.memoryPercent(), subject, settings, alarmTags));
        int environmentPeriod = settings.environmentPeriodSeconds();
        cloudWatch.putMetricAlarm(rate(names.get(4), "Concurrency of " + subject.versionResource() + " above "
                        + settings.concurrencyPercent() + "% of its limit (saturated execution environments reject requests)",
                "100 * concurrency / limit", settings.concurrencyPercent(), settings, environmentPeriod, alarmTags,
                versionQuery("concurrency", "ExecutionEnvironmentConcurrency", subject, environmentPeriod),
                versionQuery("limit", "ExecutionEnvironmentConcurrencyLimit", subject, environmentPeriod)));
        return names;
    }

    public List<AlarmState> states(List<String> alarmNames) {
        List<AlarmState> states = new ArrayList<>();
        for (MetricAlarm alarm : cloudWatch.describeAlarms(r -> r.alarmNames(alarmNames)).metricAlarms()) {
            states.add(new AlarmState(alarm.alarmName(), alarm.metricName() != null ? alarm.metricName() : "metric math",
                    alarm.stateValueAsString(), alarm.stateReason()));
        }
        return states;
    }

    public void delete(List<String> alarmNames) {
        if (!alarmNames.isEmpty()) {
            cloudWatch.deleteAlarms(r -> r.alarmNames(alarmNames));
        }
    }

    /**
     * Invocations of {@code function:alias} between the two instants (the traffic a step had to be judged on); with
     * {@code executedVersion}, only those that version served.
     */
    public long invocations(String functionName, String alias, String executedVersion, Instant from, Instant to,
                            int periodSeconds) {
        return invocations(aliasDimensions(functionName, functionName + ":" + alias, executedVersion), from, to,
                periodSeconds);
    }

    /**
     * Invocations of {@code functionName} as a whole (every version and alias: AWS/Lambda's FunctionName-only
     * series) between the two instants, counted in 1-minute periods; give whole minutes, or CloudWatch's rounding of
     * the start down to the period counts traffic from before {@code from}.
     */
    public long functionInvocations(String functionName, Instant from, Instant to) {
        return invocations(List.of(Dimension.builder().name("FunctionName").value(functionName).build()), from, to,
                ONE_MINUTE);
    }

    /** The Sum of AWS/Lambda Invocations of the series {@code dimensions} names, over the whole interval. */
    private long invocations(List<Dimension> dimensions, Instant from, Instant to, int periodSeconds) {
        var result = cloudWatch.getMetricData(r -> r.startTime(from).endTime(to).metricDataQueries(q -> q.id("invocations")
                .metricStat(s -> s.period(periodSeconds).stat("Sum").metric(m -> m.namespace(NAMESPACE)
                        .metricName("Invocations").dimensions(dimensions)))));
        double total = 0;
        for (var series : result.metricDataResults()) {
            for (Double value : series.values()) {
                total += value;
            }
        }
        return Math.round(total);
    }

    private static PutMetricAlarmRequest rate(String name, String description, String expression, double threshold,
                                              GateSettings settings, int period, List<Tag> tags,
                                              MetricDataQuery... inputs) {
        List<MetricDataQuery> metrics = new ArrayList<>(List.of(inputs));
        metrics.add(MetricDataQuery.builder().id("rate").expression(expression).label(name).returnData(true).build());
        return PutMetricAlarmRequest.builder().alarmName(name).alarmDescription(description)
                .metrics(metrics).threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(settings.evaluationPeriods()).datapointsToAlarm(settings.datapointsToAlarm())
                .treatMissingData(TREAT_MISSING_AS_NOT_BREACHING).tags(tags).build();
    }

    private static MetricDataQuery aliasQuery(String id, String metric, Subject subject, int period) {
        List<Dimension> dimensions = aliasDimensions(subject.functionName(), subject.aliasResource(), subject.executedVersion());
        return MetricDataQuery.builder().id(id).returnData(false).metricStat(s -> s.period(period).stat("Sum")
                .metric(m -> m.namespace(NAMESPACE).metricName(metric).dimensions(dimensions))).build();
    }

    /** AWS/Lambda publishes alias metrics with and without ExecutedVersion; with it, per version behind the alias. */
    private static List<Dimension> aliasDimensions(String functionName, String resource, String executedVersion) {
        List<Dimension> dimensions = new ArrayList<>(List.of(
                Dimension.builder().name("FunctionName").value(functionName).build(),
                Dimension.builder().name("Resource").value(resource).build()));
        if (executedVersion != null) {
            dimensions.add(Dimension.builder().name("ExecutedVersion").value(executedVersion).build());
        }
        return dimensions;
    }

    private static MetricDataQuery versionQuery(String id, String metric, Subject subject, int period) {
        return MetricDataQuery.builder().id(id).returnData(false).metricStat(s -> s.period(period).stat("Maximum")
                .metric(m -> m.namespace(NAMESPACE).metricName(metric).dimensions(
                        Dimension.builder().name("CapacityProviderName").value(subject.capacityProviderName()).build(),
                        Dimension.builder().name("FunctionName").value(subject.functionName()).build(),
                        Dimension.builder().name("Resource").value(subject.versionResource()).build()))).build();
    }

    private static PutMetricAlarmRequest environment(String name, String metric, double threshold, Subject subject,
                                                     GateSettings settings, List<Tag> tags) {
        return PutMetricAlarmRequest.builder().alarmName(name)
                .alarmDescription(metric + " of " + subject.versionResource() + " above " + threshold
                        + "% (LMI metrics arrive every 5 minutes)")
                .namespace(NAMESPACE).metricName(metric).statistic(Statistic.AVERAGE)
                .dimensions(Dimension.builder().name("CapacityProviderName").value(subject.capacityProviderName()).build(),
                        Dimension.builder().name("FunctionName").value(subject.functionName()).build(),
                        Dimension.builder().name("Resource").value(subject.versionResource()).build())
                .period(settings.environmentPeriodSeconds()).threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(settings.evaluationPeriods()).datapointsToAlarm(settings.datapointsToAlarm())
                .treatMissingData(TREAT_MISSING_AS_NOT_BREACHING).tags(tags).build();
    }
}

package io.lmi.controlplane.core.gate;

import io.lmi.controlplane.core.validation.Validator;

/**
 * The alarms that gate each traffic step, and when a step has too little traffic to judge. Every value has a default
 * (see {@link #DEFAULTS}) and can be set per request.
 *
 * <p>Where the defaults come from: throttles above 1% and execution-environment CPU above 80% are the seed skill's
 * alarm rules; memory above 90% is its monitoring table; concurrency near its limit is its saturation signal (90%
 * is our threshold for "near"); an error rate above 1% is our choice (a new compute type
 * should not add errors a team would notice). Alias metrics (errors, throttles) arrive every minute; LMI
 * execution-environment metrics every 5 minutes, so their alarms use 5-minute periods and a step's bake time should
 * cover at least two of them (10-15 minutes) for them to judge.
 *
 * @param errorRatePercent        alarm when errors / invocations on the new alias exceed this
 * @param throttleRatePercent     alarm when throttles / (invocations + throttles) exceed this
 * @param cpuPercent              alarm when the new version's execution environments' average CPU exceeds this
 * @param memoryPercent           alarm when their average memory exceeds this
 * @param concurrencyPercent      alarm when their concurrency reaches this share of its limit (saturation: LMI
 *                                rejects requests once every runtime worker is busy)
 * @param aliasPeriodSeconds      period of the error and throttle alarms
 * @param environmentPeriodSeconds period of the CPU and memory alarms
 * @param evaluationPeriods       periods each alarm looks at
 * @param datapointsToAlarm       breaching periods among them that make it fire
 * @param minInvocations          invocations on the new function during a step below which the gate cannot judge
 *                                and waits for a person instead of passing
 */
public record GateSettings(Double errorRatePercent, Double throttleRatePercent, Double cpuPercent, Double memoryPercent,
                           Double concurrencyPercent, Integer aliasPeriodSeconds, Integer environmentPeriodSeconds, Integer evaluationPeriods,
                           Integer datapointsToAlarm, Integer minInvocations) {

    public static final GateSettings DEFAULTS = new GateSettings(1.0, 1.0, 80.0, 90.0, 90.0, 60, 300, 3, 2, 100);

    /** This request's values, falling back to {@code base} field by field. */
    public GateSettings over(GateSettings base) {
        return new GateSettings(
                errorRatePercent != null ? errorRatePercent : base.errorRatePercent,
                throttleRatePercent != null ? throttleRatePercent : base.throttleRatePercent,
                cpuPercent != null ? cpuPercent : base.cpuPercent,
                memoryPercent != null ? memoryPercent : base.memoryPercent,
                concurrencyPercent != null ? concurrencyPercent : base.concurrencyPercent,
                aliasPeriodSeconds != null ? aliasPeriodSeconds : base.aliasPeriodSeconds,
                environmentPeriodSeconds != null ? environmentPeriodSeconds : base.environmentPeriodSeconds,
                evaluationPeriods != null ? evaluationPeriods : base.evaluationPeriods,
                datapointsToAlarm != null ? datapointsToAlarm : base.datapointsToAlarm,
                minInvocations != null ? minInvocations : base.minInvocations);
    }

    public void validate(Validator v, String prefix) {
        percent(v, prefix + ".errorRatePercent", errorRatePercent);
        percent(v, prefix + ".throttleRatePercent", throttleRatePercent);
        percent(v, prefix + ".cpuPercent", cpuPercent);
        percent(v, prefix + ".memoryPercent", memoryPercent);
        percent(v, prefix + ".concurrencyPercent", concurrencyPercent);
        period(v, prefix + ".aliasPeriodSeconds", aliasPeriodSeconds);
        period(v, prefix + ".environmentPeriodSeconds", environmentPeriodSeconds);
        v.inRange(prefix + ".evaluationPeriods", evaluationPeriods, 1, 100, "periods");
        v.inRange(prefix + ".datapointsToAlarm", datapointsToAlarm, 1, 100, "periods");
        if (evaluationPeriods != null && datapointsToAlarm != null) {
            v.check(datapointsToAlarm <= evaluationPeriods, prefix + ".datapointsToAlarm",
                    datapointsToAlarm + " is more than evaluationPeriods " + evaluationPeriods,
                    "use at most as many datapoints as evaluation periods");
        }
        v.inRange(prefix + ".minInvocations", minInvocations, 0, 1_000_000_000, "invocations");
    }

    private static void percent(Validator v, String field, Double value) {
        if (value != null) {
            v.check(value > 0 && value <= 100, field, value + " is not a percentage above 0", "use a value in (0, 100]");
        }
    }

    /** CloudWatch alarm periods: 10 or 30 seconds (high resolution) or a multiple of 60. */
    private static void period(Validator v, String field, Integer seconds) {
        if (seconds != null) {
            v.check(seconds == 10 || seconds == 30 || seconds >= 60 && seconds % 60 == 0, field,
                    seconds + " is not a CloudWatch alarm period", "use 10, 30, or a multiple of 60 seconds");
        }
    }
}

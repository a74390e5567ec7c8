package io.lmi.controlplane.core.schedule;

import java.time.Duration;

/**
 * The guardrails' numbers. Each is a default a deployment may change; the comments say where the number comes from.
 *
 * @param productionFloor          the lowest min a production schedule may set without a reason. 3: Lambda's default
 *                                 MinExecutionEnvironments, spread over availability zones; the developer guide and the
 *                                 AWS LMI skill advise not to go below 3 in production (lmi-api-and-pricing.md 2.5, 5.5).
 * @param maxExecutionEnvironments the highest min or max. 15000: the PutFunctionScalingConfig model's bound (0-15000).
 * @param reactivationHorizon      how soon after a 0/0 (deactivation) the schedule must raise the version again. 7 days:
 *                                 one weekly cycle, so weekend or holiday shut-downs fit while a typo that deactivates
 *                                 a version for good does not; a deactivated version never comes back by itself.
 * @param minimumReasonLength      the shortest acceptable reason for a production value below the floor. 10 characters:
 *                                 long enough that "x" or "ok" is refused and a reviewer gets a sentence to judge.
 * @param daylightSavingLookahead  how far ahead the time zone's rules are searched for clock changes that would make a
 *                                 period's start or end not exist. 5 years: beyond a schedule's expected life, and
 *                                 zones change their rules with months of notice, so a later re-validation catches it.
 */
public record SchedulePolicy(int productionFloor, int maxExecutionEnvironments, Duration reactivationHorizon,
                             int minimumReasonLength, Duration daylightSavingLookahead) {

    public static final int DEFAULT_PRODUCTION_FLOOR = 3;
    public static final int DEFAULT_MAX_EXECUTION_ENVIRONMENTS = 15_000;
    public static final Duration DEFAULT_REACTIVATION_HORIZON = Duration.ofDays(7);
    public static final int DEFAULT_MINIMUM_REASON_LENGTH = 10;
    public static final Duration DEFAULT_DAYLIGHT_SAVING_LOOKAHEAD = Duration.ofDays(5 * 366);

    public SchedulePolicy {
        if (productionFloor < 0 || productionFloor > maxExecutionEnvironments) {
            throw new IllegalArgumentException("productionFloor must be within 0.." + maxExecutionEnvironments);
        }
        if (reactivationHorizon.isNegative() || reactivationHorizon.isZero()) {
            throw new IllegalArgumentException("reactivationHorizon must be positive");
        }
        if (minimumReasonLength < 1) {
            throw new IllegalArgumentException("minimumReasonLength must be at least 1");
        }
        if (daylightSavingLookahead.isNegative()) {
            throw new IllegalArgumentException("daylightSavingLookahead must not be negative");
        }
    }

    public static SchedulePolicy defaults() {
        return new SchedulePolicy(DEFAULT_PRODUCTION_FLOOR, DEFAULT_MAX_EXECUTION_ENVIRONMENTS,
                DEFAULT_REACTIVATION_HORIZON, DEFAULT_MINIMUM_REASON_LENGTH, DEFAULT_DAYLIGHT_SAVING_LOOKAHEAD);
    }

    public SchedulePolicy withProductionFloor(int floor) {
        return new SchedulePolicy(floor, maxExecutionEnvironments, reactivationHorizon, minimumReasonLength,
                daylightSavingLookahead);
    }

    public SchedulePolicy withReactivationHorizon(Duration horizon) {
        return new SchedulePolicy(productionFloor, maxExecutionEnvironments, horizon, minimumReasonLength,
                daylightSavingLookahead);
    }
}

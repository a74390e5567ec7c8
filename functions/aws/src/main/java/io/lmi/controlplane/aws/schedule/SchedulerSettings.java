package io.lmi.controlplane.aws.schedule;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how the control plane creates its EventBridge Scheduler schedules. The deployment gives the first four
 * (template.yaml, Globals); the retry numbers and the drift check have documented defaults.
 *
 * @param group               the control plane's schedule group (env {@code SCHEDULE_GROUP})
 * @param shaperArn           every schedule's target: the shaper function (env {@code SHAPER_FUNCTION_ARN})
 * @param roleArn             the role Scheduler assumes to invoke the shaper (env {@code SCHEDULER_ROLE_ARN})
 * @param deadLetterArn       an SQS queue for wake-ups that still fail after the retries (env
 *                            {@code SCHEDULE_DEAD_LETTER_ARN}); null for none
 * @param maximumEventAge     how long Scheduler keeps retrying one wake-up. {@link #DEFAULT_MAXIMUM_EVENT_AGE}: an hour,
 *                            because the shaper sets what the calendar says whenever it runs, so a wake-up later than
 *                            that adds nothing the next one (at most one drift check later) does not do
 * @param maximumRetryAttempts how often Scheduler retries one wake-up within that age. {@link #DEFAULT_MAXIMUM_RETRY_ATTEMPTS}:
 *                            enough for throttling and a cold shaper; Scheduler's own default (185) hides real failures
 * @param driftCheckInterval  how often every schedule also wakes the shaper between transitions, so that a hand-made
 *                            change of the scaling config is found and undone within this time rather than at the next
 *                            transition (which may be days away). {@link #DEFAULT_DRIFT_CHECK_INTERVAL}; null turns
 *                            the check off (env {@code SCHEDULE_DRIFT_CHECK_INTERVAL}, "off" or a duration such as 1h)
 */
public record SchedulerSettings(String group, String shaperArn, String roleArn, String deadLetterArn,
                                Duration maximumEventAge, int maximumRetryAttempts, Duration driftCheckInterval) {

    public static final Duration DEFAULT_MAXIMUM_EVENT_AGE = Duration.ofHours(1);
    public static final int DEFAULT_MAXIMUM_RETRY_ATTEMPTS = 10;
    public static final Duration DEFAULT_DRIFT_CHECK_INTERVAL = Duration.ofHours(1);
    /** EventBridge Scheduler's RetryPolicy bounds (API reference): event age 60-86400 s, attempts 0-185. */
    static final Duration MIN_EVENT_AGE = Duration.ofSeconds(60);
    static final Duration MAX_EVENT_AGE = Duration.ofSeconds(86_400);
    static final int MAX_RETRY_ATTEMPTS = 185;
    /** rate() takes whole minutes, at least one. */
    static final Duration MIN_DRIFT_CHECK_INTERVAL = Duration.ofMinutes(1);

    public SchedulerSettings {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(shaperArn, "shaperArn");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(maximumEventAge, "maximumEventAge");
        if (maximumEventAge.compareTo(MIN_EVENT_AGE) < 0 || maximumEventAge.compareTo(MAX_EVENT_AGE) > 0) {
            throw new IllegalArgumentException("maximumEventAge must be 60 s to 24 h (EventBridge Scheduler's range)");
        }
        if (maximumRetryAttempts < 0 || maximumRetryAttempts > MAX_RETRY_ATTEMPTS) {
            throw new IllegalArgumentException("maximumRetryAttempts must be 0 to " + MAX_RETRY_ATTEMPTS);
        }
        if (driftCheckInterval != null && driftCheckInterval.compareTo(MIN_DRIFT_CHECK_INTERVAL) < 0) {
            throw new IllegalArgumentException("driftCheckInterval must be at least one minute, or null for none");
        }
    }

    /** The deployment's values with the default retry policy and drift check. */
    public static SchedulerSettings of(String group, String shaperArn, String roleArn, String deadLetterArn) {
        return new SchedulerSettings(group, shaperArn, roleArn, deadLetterArn, DEFAULT_MAXIMUM_EVENT_AGE,
                DEFAULT_MAXIMUM_RETRY_ATTEMPTS, DEFAULT_DRIFT_CHECK_INTERVAL);
    }

    public SchedulerSettings withDriftCheckInterval(Duration interval) {
        return new SchedulerSettings(group, shaperArn, roleArn, deadLetterArn, maximumEventAge, maximumRetryAttempts,
                interval);
    }

    public Optional<String> deadLetter() {
        return Optional.ofNullable(deadLetterArn).filter(arn -> !arn.isBlank());
    }

    public Optional<Duration> driftCheck() {
        return Optional.ofNullable(driftCheckInterval);
    }
}

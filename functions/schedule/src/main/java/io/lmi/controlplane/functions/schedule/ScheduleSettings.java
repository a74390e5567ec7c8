package io.lmi.controlplane.functions.schedule;

import io.lmi.controlplane.aws.schedule.ScheduleAdapters;
import io.lmi.controlplane.aws.schedule.SchedulerSettings;
import io.lmi.controlplane.core.migration.Durations;
import io.lmi.controlplane.core.schedule.SchedulePolicy;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Settings;
import java.time.Duration;
import java.util.Locale;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * The capacity schedules' settings from the functions' environment (template.yaml, Globals: every control-plane
 * function has the same variables), and the adapters built from them once per handler instance.
 */
final class ScheduleSettings {
    /** The control plane's EventBridge Scheduler schedule group. */
    static final String SCHEDULE_GROUP = "SCHEDULE_GROUP";
    /** The shaper function's ARN: the target of every schedule. */
    static final String SHAPER_FUNCTION_ARN = "SHAPER_FUNCTION_ARN";
    /** The role EventBridge Scheduler assumes to invoke the shaper. */
    static final String SCHEDULER_ROLE_ARN = "SCHEDULER_ROLE_ARN";
    /** Optional: an SQS queue for wake-ups that failed after every retry. */
    static final String SCHEDULE_DEAD_LETTER_ARN = "SCHEDULE_DEAD_LETTER_ARN";
    /** Optional: how often each schedule also checks for drift, e.g. 1h or 15m; "off" for never (default 1h). */
    static final String SCHEDULE_DRIFT_CHECK_INTERVAL = "SCHEDULE_DRIFT_CHECK_INTERVAL";

    private ScheduleSettings() {
    }

    /** Everything the handlers use; with the Scheduler client unless {@code withScheduler} is false. */
    static ScheduleAdapters adapters(ControlPlane controlPlane, boolean withScheduler) {
        var clients = controlPlane.clients();
        SchedulerSettings settings = withScheduler ? scheduler(controlPlane) : null;
        return ScheduleAdapters.of(clients.configure(DynamoDbClient.builder()).build(),
                controlPlane.require(ControlPlane.LEDGER_TABLE),
                clients.configure(LambdaClient.builder()).build(),
                withScheduler ? clients.configure(SchedulerClient.builder()).build() : null, settings,
                controlPlane.events(), SchedulePolicy.defaults(), controlPlane.clock(),
                // A selector may read the tags only of these: ListTags on any other is denied.
                new Settings(controlPlane).managedFunctions());
    }

    static SchedulerSettings scheduler(ControlPlane controlPlane) {
        return SchedulerSettings.of(controlPlane.require(SCHEDULE_GROUP), controlPlane.require(SHAPER_FUNCTION_ARN),
                        controlPlane.require(SCHEDULER_ROLE_ARN), controlPlane.setting(SCHEDULE_DEAD_LETTER_ARN).orElse(null))
                .withDriftCheckInterval(driftCheck(controlPlane));
    }

    private static Duration driftCheck(ControlPlane controlPlane) {
        String value = controlPlane.setting(SCHEDULE_DRIFT_CHECK_INTERVAL).orElse(null);
        if (value == null) {
            return SchedulerSettings.DEFAULT_DRIFT_CHECK_INTERVAL;
        }
        if (value.trim().toLowerCase(Locale.ROOT).equals("off")) {
            return null;
        }
        try {
            Duration interval = Durations.parse(value.trim());
            if (interval.toMinutes() < 1 || interval.toSeconds() % 60 != 0) {
                throw new IllegalArgumentException("not whole minutes");
            }
            return interval;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("environment variable " + SCHEDULE_DRIFT_CHECK_INTERVAL + "=" + value
                    + " is not a whole number of minutes: use e.g. 15m, 1h, or off", e);
        }
    }
}

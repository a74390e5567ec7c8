package io.lmi.controlplane.functions.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.aws.schedule.SchedulerSettings;
import io.lmi.controlplane.runtime.ControlPlane;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** The schedule settings from the environment the template gives every function. */
class ScheduleSettingsTest {
    private final AwsClients clients = AwsClients.of(Region.US_EAST_1, AnonymousCredentialsProvider.create(),
            URI.create("http://127.0.0.1:9"));

    @AfterEach
    void close() {
        clients.close();
    }

    private SchedulerSettings settings(Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(Map.of(ControlPlane.LEDGER_TABLE, "ledger",
                ControlPlane.EVENT_BUS, "bus", ScheduleSettings.SCHEDULE_GROUP, "lmi-capacity",
                ScheduleSettings.SHAPER_FUNCTION_ARN, "arn:aws:lambda:us-east-1:123456789012:function:lmi-shaper",
                ScheduleSettings.SCHEDULER_ROLE_ARN, "arn:aws:iam::123456789012:role/scheduler"));
        environment.putAll(extra);
        return ScheduleSettings.scheduler(new ControlPlane(environment, clients, Clock.systemUTC()));
    }

    @Test
    void theDefaultsAreAnHourlyDriftCheckAndNoDeadLetterQueue() {
        SchedulerSettings settings = settings(Map.of());

        assertThat(settings.group()).isEqualTo("lmi-capacity");
        assertThat(settings.driftCheck()).contains(Duration.ofHours(1));
        assertThat(settings.deadLetter()).isEmpty();
        assertThat(settings.maximumEventAge()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theDriftCheckIsAWholeNumberOfMinutesOrOff() {
        assertThat(settings(Map.of(ScheduleSettings.SCHEDULE_DRIFT_CHECK_INTERVAL, "15m")).driftCheck())
                .contains(Duration.ofMinutes(15));
        assertThat(settings(Map.of(ScheduleSettings.SCHEDULE_DRIFT_CHECK_INTERVAL, "OFF")).driftCheck()).isEmpty();
        assertThat(settings(Map.of(ScheduleSettings.SCHEDULE_DEAD_LETTER_ARN, "arn:aws:sqs:us-east-1:1:q")).deadLetter())
                .contains("arn:aws:sqs:us-east-1:1:q");
        assertThatThrownBy(() -> settings(Map.of(ScheduleSettings.SCHEDULE_DRIFT_CHECK_INTERVAL, "90s")))
                .hasMessageContaining("SCHEDULE_DRIFT_CHECK_INTERVAL=90s is not a whole number of minutes");
        assertThatThrownBy(() -> settings(Map.of(ScheduleSettings.SCHEDULE_DRIFT_CHECK_INTERVAL, "hourly")))
                .hasMessageContaining("use e.g. 15m, 1h, or off");
    }

    @Test
    void aMissingSettingNamesTheVariable() {
        Map<String, String> environment = new HashMap<>(Map.of(ControlPlane.LEDGER_TABLE, "ledger",
                ControlPlane.EVENT_BUS, "bus"));

        assertThatThrownBy(() -> ScheduleSettings.scheduler(new ControlPlane(environment, clients, Clock.systemUTC())))
                .hasMessageContaining("environment variable SCHEDULE_GROUP is not set");
    }
}

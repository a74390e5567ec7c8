package io.lmi.controlplane.functions.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.aws.schedule.DesiredSchedules;
import io.lmi.controlplane.aws.schedule.Scaling;
import io.lmi.controlplane.aws.schedule.ScheduleChange;
import io.lmi.controlplane.core.events.DetailTypes;
import io.lmi.controlplane.core.rollout.VersionRetention;
import io.lmi.controlplane.core.schedule.ScheduleTarget;
import io.lmi.controlplane.core.validation.FieldError;
import io.lmi.controlplane.core.validation.InvalidRequestException;
import io.lmi.controlplane.local.LocalAws;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A rollout moved the function to a new version: the schedule follows it. */
@ExtendWith(LocalAwsExtension.class)
class FollowScheduleVersionHandlerTest {
    private final ScheduleTestBed bed;

    FollowScheduleVersionHandlerTest(LocalAws localAws) {
        this.bed = new ScheduleTestBed(localAws, Schedules.MONDAY_10AM);
    }

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void theScheduleMovesToTheNewVersionAndTheOldOneGetsTheDefaultBack() {
        String function = bed.lmi.function("orders", 1, Map.of());
        bed.applyRequest(Schedules.businessHours(function, "1"));
        Map<String, String> schedulesBefore = bed.snapshot();
        String newVersion = bed.lmi.publish(function, "release-2");
        // A newly published version starts at Lambda's default, whatever the schedule says.
        assertThat(bed.requested(function, newVersion)).isEqualTo(Scaling.LMI_DEFAULT);

        JsonNode result = bed.follow(function, newVersion);

        assertThat(result.path("status").asText()).isEqualTo("FOLLOWED");
        assertThat(result.path("fromQualifier").asText()).isEqualTo("1");
        assertThat(bed.requested(function, newVersion)).isEqualTo(new Scaling(10, 100));
        assertThat(bed.requested(function, "1")).isEqualTo(Scaling.LMI_DEFAULT);
        assertThat(bed.ledger().find(function).orElseThrow().schedule().qualifier()).isEqualTo(newVersion);
        assertThat(bed.snapshot()).as("Scheduler schedules name no version, so none changes").isEqualTo(schedulesBefore);
        // One clock instant for all three (the test's clock stands still), so their order in the ledger is arbitrary.
        assertThat(bed.ledger().changes(function)).extracting(ScheduleChange::cause).containsExactlyInAnyOrder(
                ScheduleChange.Cause.APPLY, ScheduleChange.Cause.FOLLOW_VERSION, ScheduleChange.Cause.RELEASE);
        assertThat(bed.events(DetailTypes.CAPACITY_SCHEDULE_APPLIED)).last()
                .satisfies(e -> assertThat(e.path("action").asText()).isEqualTo("follow"));

        // The next transition shapes the new version; the old one is left alone.
        bed.clock.set(Instant.parse("2026-11-30T23:00:01Z"));
        bed.shape(bed.fire(DesiredSchedules.namePrefix(new ScheduleTarget.FunctionTarget(function)) + "w1800-MON-FRI"));
        assertThat(bed.requested(function, newVersion)).isEqualTo(new Scaling(3, 20));
        assertThat(bed.requested(function, "1")).isEqualTo(Scaling.LMI_DEFAULT);

        assertThat(bed.follow(function, newVersion).path("status").asText()).isEqualTo("ALREADY_THERE");
    }

    @Test
    void aVersionTheRolloutDeactivatedStaysDeactivated() {
        String function = bed.lmi.function("orders", 1, Map.of());
        bed.applyRequest(Schedules.businessHours(function, "1"));
        String newVersion = bed.lmi.publish(function, "release-2");
        // What the promotion does under a policy that keeps no superseded version ready: the new version gets the
        // replaced one's scaling, and the superseded one is deactivated.
        Map<String, VersionRetention.Action> policy = VersionRetention.decide(List.of("1", newVersion), newVersion,
                Set.of(), new VersionRetention.Policy(0, 3));
        assertThat(policy).containsEntry("1", VersionRetention.Action.DEACTIVATE);
        bed.putByHand(function, newVersion, 10, 100);
        bed.putByHand(function, "1", 0, 0);

        JsonNode result = bed.follow(function, newVersion);

        assertThat(result.path("status").asText()).isEqualTo("FOLLOWED");
        assertThat(result.path("message").asText()).contains("1 was changed since the schedule set it",
                "left as it is");
        assertThat(bed.requested(function, newVersion)).isEqualTo(new Scaling(10, 100));
        assertThat(bed.requested(function, "1")).as("not reactivated").isEqualTo(new Scaling(0, 0));
        assertThat(bed.ledger().find(function).orElseThrow().schedule().qualifier()).isEqualTo(newVersion);
        assertThat(bed.ledger().changes(function)).filteredOn(c -> c.qualifier().equals("1")
                && c.cause() == ScheduleChange.Cause.RELEASE).singleElement().satisfies(c -> {
                    assertThat(c.outcome()).isEqualTo(ScheduleChange.Outcome.LEFT);
                    assertThat(c.to()).isEqualTo(new Scaling(0, 0));
                    assertThat(c.note()).contains("has 0/0, not the 10/100 the schedule set");
                });
    }

    @Test
    void aFunctionWithoutAScheduleNeedsNothing() {
        String function = bed.lmi.function("orders", 2, Map.of());

        JsonNode result = bed.follow(function, "2");

        assertThat(result.path("status").asText()).isEqualTo("NOT_SCHEDULED");
        assertThat(bed.requested(function, "2")).isEqualTo(Scaling.LMI_DEFAULT);
    }

    @Test
    void aVersionThatDoesNotExistIsRefusedAndTheScheduleStays() {
        String function = bed.lmi.function("orders", 1, Map.of());
        bed.applyRequest(Schedules.businessHours(function, "1"));

        assertThatThrownBy(() -> bed.follow(function, "9")).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.errors()).extracting(FieldError::field).containsExactly("qualifier");
            assertThat(e.getMessage()).contains("has no version 9", "the schedule stays on 1");
        });
        assertThat(bed.ledger().find(function).orElseThrow().schedule().qualifier()).isEqualTo("1");
        assertThat(bed.requested(function, "1")).isEqualTo(new Scaling(10, 100));
        assertThatThrownBy(() -> bed.follow(function, "live")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("never an alias");
    }
}

package io.lmi.controlplane.functions.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.aws.events.EventPublisher;
import io.lmi.controlplane.aws.schedule.CapacityShaper;
import io.lmi.controlplane.aws.schedule.DesiredSchedules;
import io.lmi.controlplane.aws.schedule.DriftReport;
import io.lmi.controlplane.aws.schedule.Scaling;
import io.lmi.controlplane.aws.schedule.ScheduleAdapters;
import io.lmi.controlplane.aws.schedule.ScheduleChange;
import io.lmi.controlplane.aws.schedule.ShaperInput;
import io.lmi.controlplane.aws.schedule.StoredSchedule;
import io.lmi.controlplane.core.events.DetailTypes;
import io.lmi.controlplane.core.schedule.SchedulePolicy;
import io.lmi.controlplane.core.schedule.ScheduleTarget;
import io.lmi.controlplane.local.LocalAws;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shaper, woken the way EventBridge Scheduler wakes it: the local AWS fires the schedule (its target is invoked
 * with the schedule's Input, context attributes filled in) and the real ShaperHandler runs with that payload, at the
 * moment the test moves the clock to.
 */
@ExtendWith(LocalAwsExtension.class)
class ShaperHandlerTest {
    private final ScheduleTestBed bed;

    ShaperHandlerTest(LocalAws localAws) {
        this.bed = new ScheduleTestBed(localAws, Schedules.MONDAY_7AM);
    }

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void aFiredTransitionSetsWhatTheCalendarSays() {
        String function = bed.lmi.function("orders", 1, Map.of());
        bed.applyRequest(Schedules.businessHours(function, "1"));
        assertThat(bed.requested(function, "1")).isEqualTo(new Scaling(3, 20));
        String prefix = prefix(function);

        bed.clock.set(Instant.parse("2026-11-30T13:00:02Z")); // 08:00:02 in New York
        JsonNode opening = bed.shape(bed.fire(prefix + "w0800-MON-FRI"));

        assertThat(opening.path("status").asText()).isEqualTo("SHAPED");
        assertThat(bed.requested(function, "1")).isEqualTo(new Scaling(10, 100));
        assertThat(bed.ledger().changes(function)).last().satisfies(change -> {
            assertThat(change.cause()).isEqualTo(ScheduleChange.Cause.TRANSITION);
            assertThat(change.transition()).isEqualTo(prefix + "w0800-MON-FRI");
            assertThat(change.from()).isEqualTo(new Scaling(3, 20));
            assertThat(change.to()).isEqualTo(new Scaling(10, 100));
            assertThat(change.by()).isEqualTo("shaper");
            assertThat(change.at()).isEqualTo(Instant.parse("2026-11-30T13:00:02Z"));
        });
        assertThat(bed.events(DetailTypes.CAPACITY_CHANGED)).last()
                .satisfies(e -> assertThat(e.path("cause").asText()).isEqualTo("TRANSITION"));

        bed.clock.set(Instant.parse("2026-11-30T23:00:01Z")); // 18:00:01
        bed.shape(bed.fire(prefix + "w1800-MON-FRI"));
        assertThat(bed.requested(function, "1")).isEqualTo(new Scaling(3, 20));

        // The same wake-up again (Scheduler retries) changes nothing: the shaper sets what the calendar says.
        JsonNode repeated = bed.shape(bed.fire(prefix + "w1800-MON-FRI"));
        assertThat(repeated.path("changes")).isEmpty();
        assertThat(repeated.path("message").asText()).contains("no change needed");
        assertThat(bed.ledger().changes(function)).extracting(ScheduleChange::cause).containsExactly(
                ScheduleChange.Cause.APPLY, ScheduleChange.Cause.TRANSITION, ScheduleChange.Cause.TRANSITION);
    }

    @Test
    void oneOffsFireOnceAndExceptionDatesWinOverTheCron() {
        String function = bed.lmi.function("orders", 1, Map.of());
        bed.applyRequest(Schedules.businessHours(function, "1"));
        String prefix = prefix(function);

        bed.clock.set(Instant.parse("2026-12-25T03:00:01Z")); // 22:00:01 on Christmas Eve in New York
        bed.shape(bed.fire(prefix + "o20261225T0300Z"));
        assertThat(bed.requested(function, "1")).isEqualTo(new Scaling(40, 200));
        // ActionAfterCompletion DELETE: a one-off is gone once it has fired.
        assertThat(bed.schedules()).doesNotContainKey(prefix + "o20261225T0300Z");

        bed.clock.set(Instant.parse("2026-12-25T07:00:01Z")); // 02:00:01 on Christmas Day
        bed.shape(bed.fire(prefix + "o20261225T0700Z"));
        assertThat(bed.requested(function, "1")).isEqualTo(new Scaling(3, 20));

        // Christmas Day is a Friday run like a Sunday: the weekday 08:00 cron fires, but the calendar says default.
        bed.clock.set(Instant.parse("2026-12-25T13:00:01Z"));
        JsonNode christmasMorning = bed.shape(bed.fire(prefix + "w0800-MON-FRI"));
        assertThat(christmasMorning.path("message").asText()).contains("says 3/20", "exception 2026-12-25: Christmas Day",
                "no change needed");
        assertThat(bed.requested(function, "1")).isEqualTo(new Scaling(3, 20));

        // The Monday after, the dated entries are over: the stored schedule is pruned and still governs.
        bed.clock.set(Instant.parse("2026-12-28T13:00:01Z"));
        bed.shape(bed.fire(prefix + "w0800-MON-FRI"));
        assertThat(bed.requested(function, "1")).isEqualTo(new Scaling(10, 100));
        StoredSchedule stored = bed.ledger().find(function).orElseThrow().schedule();
        assertThat(stored.schedule().path("exceptions")).isEmpty();
        assertThat(stored.schedule().path("prewarms")).isEmpty();
        assertThat(stored.validatedAt()).isEqualTo(Instant.parse("2026-12-28T13:00:01Z"));
    }

    @Test
    void aWakeUpThatArrivesSecondsEarlyStillSetsTheNewValues() {
        String function = bed.lmi.function("orders", 1, Map.of());
        bed.applyRequest(Schedules.businessHours(function, "1"));
        String prefix = prefix(function);
        bed.clock.set(Instant.parse("2026-11-30T12:59:58Z"));

        bed.shape(ScheduleTestBed.JSON.createObjectNode().put("schedule", function)
                .put("transition", prefix + "w0800-MON-FRI").put("expectedMin", 10).put("expectedMax", 100)
                .put("scheduledTime", "2026-11-30T13:00:00Z").toString());

        assertThat(bed.requested(function, "1")).isEqualTo(new Scaling(10, 100));
    }

    @Test
    void driftIsDetectedReportedAndTheScheduleWins() {
        String function = bed.lmi.function("orders", 1, Map.of());
        bed.clock.set(Schedules.MONDAY_10AM);
        bed.applyRequest(Schedules.businessHours(function, "1"));
        bed.putByHand(function, "1", 2, 5);

        bed.clock.set(Instant.parse("2026-11-30T15:30:00Z"));
        JsonNode outcome = bed.shape(bed.fire(prefix(function) + "drift-check"));

        assertThat(outcome.path("drifts")).hasSize(1);
        assertThat(bed.requested(function, "1")).isEqualTo(new Scaling(10, 100));
        DriftReport drift = bed.ledger().drifts(function).get(0);
        assertThat(drift.expected()).isEqualTo(new Scaling(10, 100));
        assertThat(drift.found()).isEqualTo(new Scaling(2, 5));
        assertThat(drift.expectedSetBy()).isEqualTo("ana@platform");
        assertThat(drift.detectedBy()).isEqualTo("drift check drift-check");
        assertThat(drift.action()).startsWith("set 10/100 again");
        assertThat(bed.events(DetailTypes.CAPACITY_DRIFT_DETECTED)).singleElement().satisfies(e -> {
            assertThat(e.at("/found/min").asInt()).isEqualTo(2);
            assertThat(e.at("/expected/min").asInt()).isEqualTo(10);
        });
        assertThat(bed.ledger().changes(function)).last().satisfies(change -> {
            assertThat(change.cause()).isEqualTo(ScheduleChange.Cause.DRIFT_CHECK);
            assertThat(change.from()).isEqualTo(new Scaling(2, 5));
        });

        // Once restored, the next check finds nothing.
        bed.clock.set(Instant.parse("2026-11-30T16:30:00Z"));
        assertThat(bed.shape(bed.fire(prefix(function) + "drift-check")).path("drifts")).isEmpty();
    }

    @Test
    void aWakeUpForAScheduleNoLongerStoredDeletesWhatIsLeft() {
        String function = bed.lmi.function("orders", 1, Map.of());
        bed.applyRequest(Schedules.businessHours(function, "1"));
        var stored = bed.ledger().find(function).orElseThrow();
        bed.ledger().delete(function, stored.version());

        JsonNode outcome = bed.shape(bed.fire(prefix(function) + "w0800-MON-FRI"));

        assertThat(outcome.path("status").asText()).isEqualTo("ORPHAN_CLEANED");
        assertThat(bed.schedules()).isEmpty();
        assertThat(bed.requested(function, "1")).isEqualTo(new Scaling(3, 20));
    }

    @Test
    void whileARequestChangesTheScheduleTheShaperLeavesItAlone() {
        String function = bed.lmi.function("orders", 1, Map.of());
        bed.applyRequest(Schedules.businessHours(function, "1"));
        bed.clock.set(Instant.parse("2026-11-30T13:00:02Z"));
        assertThat(bed.ledger().lock(function, "request:in-progress")).isTrue();

        JsonNode outcome = bed.shape(bed.fire(prefix(function) + "w0800-MON-FRI"));

        assertThat(outcome.path("status").asText()).isEqualTo("SKIPPED");
        assertThat(outcome.path("message").asText()).contains("request:in-progress");
        assertThat(bed.requested(function, "1")).isEqualTo(new Scaling(3, 20));
        // A lock whose holder died expires; then the shaper goes ahead.
        bed.clock.set(Instant.parse("2026-11-30T13:06:00Z"));
        assertThat(bed.shape(bed.fire(prefix(function) + "w0800-MON-FRI")).path("status").asText()).isEqualTo("SHAPED");
        assertThat(bed.requested(function, "1")).isEqualTo(new Scaling(10, 100));
    }

    @Test
    void aStoredScheduleThatNoLongerPassesTheGuardrailsIsHeldNotApplied() {
        String function = bed.lmi.function("orders", 1, Map.of());
        bed.applyRequest(Schedules.businessHours(function, "1"));
        // A stricter floor than the one the schedule was admitted under: its default (3) now breaks it.
        ScheduleAdapters stricter = ScheduleAdapters.of(bed.dynamo, bed.table, bed.lambda, bed.scheduler,
                ScheduleSettings.scheduler(bed.controlPlane()), new EventPublisher(bed.events, bed.bus),
                SchedulePolicy.defaults().withProductionFloor(5), bed.clock);
        bed.clock.set(Instant.parse("2026-11-30T13:00:02Z"));

        CapacityShaper.Outcome outcome = new CapacityShaper(stricter).shape(
                new ShaperInput(function, prefix(function) + "w0800-MON-FRI", 10, 100, null));

        assertThat(outcome.status()).isEqualTo(CapacityShaper.Status.HELD);
        assertThat(outcome.message()).contains("default.min", "below the production floor of 5");
        assertThat(bed.requested(function, "1")).isEqualTo(new Scaling(3, 20));
        assertThat(bed.ledger().changes(function)).last().satisfies(change -> {
            assertThat(change.outcome()).isEqualTo(ScheduleChange.Outcome.HELD);
            assertThat(change.to()).isEqualTo(new Scaling(3, 20));
            // What the calendar would set is unknown: the schedule does not read under the stricter policy at all.
            assertThat(change.expected()).isNull();
            assertThat(change.note()).startsWith("not set: the stored schedule no longer passes the guardrails");
        });
        assertThat(bed.events(DetailTypes.CAPACITY_CHANGED)).last()
                .satisfies(e -> assertThat(e.path("outcome").asText()).isEqualTo("HELD"));
    }

    private static String prefix(String function) {
        return DesiredSchedules.namePrefix(new ScheduleTarget.FunctionTarget(function));
    }
}

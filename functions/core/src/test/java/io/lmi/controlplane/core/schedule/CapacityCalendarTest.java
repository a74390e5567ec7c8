package io.lmi.controlplane.core.schedule;

import static io.lmi.controlplane.core.schedule.TestSchedules.parse;
import static io.lmi.controlplane.core.schedule.TestSchedules.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityCalendarTest {

    /** UTC, so that these tests are about precedence and days, not clocks. */
    private static final String WEEK = """
            periods:
              - {name: business-hours, days: [MON, TUE, WED, THU, FRI], start: "08:00", end: "18:00", min: 10, max: 100}
              - {name: lunch-peak, days: [MON, TUE, WED, THU, FRI], start: "11:30", end: "13:30", min: 20, max: 50}
              - {name: nightly-batch, days: [MON, TUE, WED, THU, FRI, SAT, SUN], start: "23:00", end: "04:00",
                 min: 5, max: 40}
            """;

    private static EffectiveCapacity at(CapacityCalendar calendar, String utc) {
        return calendar.at(Instant.parse(utc));
    }

    private static CapacityCalendar calendar(String extra) {
        return CapacityCalendar.of(parse(yaml("UTC", WEEK + extra)));
    }

    @Test
    void periodsOverDefault_onAnOrdinaryMonday() {
        CapacityCalendar calendar = calendar("");

        assertThat(at(calendar, "2026-12-07T07:59:00Z").limits()).isEqualTo(new ScalingLimits(3, 20));
        assertThat(at(calendar, "2026-12-07T08:00:00Z").limits()).isEqualTo(new ScalingLimits(10, 100));
        assertThat(at(calendar, "2026-12-07T17:59:59Z").describeSources()).isEqualTo("period business-hours");
        assertThat(at(calendar, "2026-12-07T18:00:00Z").limits()).isEqualTo(new ScalingLimits(3, 20));
        assertThat(at(calendar, "2026-12-07T18:00:00Z").describeSources()).isEqualTo("default");
    }

    @Test
    void overlappingPeriods_shouldTakeTheHighestMinAndTheHighestMax() {
        EffectiveCapacity lunch = at(calendar(""), "2026-12-07T12:00:00Z");

        assertThat(lunch.limits()).as("lunch-peak 20/50 over business-hours 10/100").isEqualTo(new ScalingLimits(20, 100));
        assertThat(lunch.describeSources()).isEqualTo("period business-hours + period lunch-peak");
    }

    @Test
    void periodSpanningMidnight_shouldEndOnTheNextDay() {
        CapacityCalendar calendar = calendar("");

        assertThat(at(calendar, "2026-12-07T22:59:00Z").limits()).isEqualTo(new ScalingLimits(3, 20));
        assertThat(at(calendar, "2026-12-07T23:00:00Z").limits()).isEqualTo(new ScalingLimits(5, 40));
        assertThat(at(calendar, "2026-12-08T03:59:00Z").limits()).isEqualTo(new ScalingLimits(5, 40));
        assertThat(at(calendar, "2026-12-08T04:00:00Z").limits()).isEqualTo(new ScalingLimits(3, 20));
        assertThat(calendar.changes(Instant.parse("2026-12-07T20:00:00Z"), Instant.parse("2026-12-08T06:00:00Z")))
                .extracting(c -> c.at().toString() + " " + c.after().limits() + " " + c.reason())
                .containsExactly("2026-12-07T23:00:00Z 5/40 period nightly-batch starts",
                        "2026-12-08T04:00:00Z 3/20 period nightly-batch ends: back to default");
    }

    @Test
    void exceptionOnAWeekday_shouldRunTheDayLikeTheNamedDay() {
        CapacityCalendar calendar = calendar("""
                exceptions:
                  - {date: "2026-12-25", use: SUN, reason: Christmas Day}
                """);

        assertThat(at(calendar, "2026-12-25T10:00:00Z").limits()).as("no business hours on a Sunday")
                .isEqualTo(new ScalingLimits(3, 20));
        assertThat(at(calendar, "2026-12-25T01:00:00Z").limits()).as("Thursday's batch still finishes")
                .isEqualTo(new ScalingLimits(5, 40));
        assertThat(at(calendar, "2026-12-25T23:30:00Z").limits()).as("Sunday's batch starts").isEqualTo(
                new ScalingLimits(5, 40));
        assertThat(at(calendar, "2026-12-26T02:00:00Z").exception()).as("the spill-over is shaped by the exception")
                .map(ExceptionDate::reason).hasValue(java.util.Optional.of("Christmas Day"));
        assertThat(calendar.changes(Instant.parse("2026-12-25T00:00:00Z"), Instant.parse("2026-12-26T00:00:00Z")))
                .extracting(c -> c.local().toLocalTime() + " " + c.after().limits() + " " + c.reason())
                .containsExactly("04:00 3/20 period nightly-batch ends: back to default (exception 2026-12-25 Christmas "
                        + "Day: like a SUN)", "23:00 5/40 period nightly-batch starts (exception 2026-12-25 Christmas Day: "
                        + "like a SUN)");
    }

    @Test
    void exceptionUsingDefault_shouldStartNoPeriodThatDay() {
        CapacityCalendar calendar = calendar("""
                exceptions:
                  - {date: "2026-12-24", use: default}
                """);

        assertThat(at(calendar, "2026-12-24T12:00:00Z").limits()).isEqualTo(new ScalingLimits(3, 20));
        assertThat(at(calendar, "2026-12-24T23:30:00Z").limits()).isEqualTo(new ScalingLimits(3, 20));
        assertThat(at(calendar, "2026-12-23T12:00:00Z").limits()).as("the day before is untouched")
                .isEqualTo(new ScalingLimits(20, 100));
    }

    @Test
    void exceptionUsingAPeriod_shouldStartOnlyThatPeriod() {
        CapacityCalendar calendar = calendar("""
                exceptions:
                  - {date: "2026-12-12", use: business-hours}
                """);

        assertThat(at(calendar, "2026-12-12T12:00:00Z").limits()).as("Saturday runs business hours, without lunch-peak")
                .isEqualTo(new ScalingLimits(10, 100));
        assertThat(at(calendar, "2026-12-12T23:30:00Z").limits()).as("and without the batch").isEqualTo(
                new ScalingLimits(3, 20));
    }

    @Test
    void prewarmSpanningMidnight_shouldWinOverEverythingThenHandBack() {
        CapacityCalendar calendar = calendar("""
                prewarms:
                  - {from: "2026-12-31T22:00", until: "2027-01-01T02:00", min: 50, max: 200, reason: New year sale}
                """);

        assertThat(at(calendar, "2026-12-31T21:59:00Z").limits()).isEqualTo(new ScalingLimits(3, 20));
        assertThat(at(calendar, "2026-12-31T23:30:00Z").limits()).isEqualTo(new ScalingLimits(50, 200));
        assertThat(at(calendar, "2027-01-01T01:59:00Z").limits()).isEqualTo(new ScalingLimits(50, 200));
        List<CapacityChange> changes = calendar.changes(Instant.parse("2026-12-31T20:00:00Z"),
                Instant.parse("2027-01-01T06:00:00Z"));
        assertThat(changes).extracting(c -> c.at().toString() + " " + c.after().limits() + " " + c.reason())
                .containsExactly(
                        "2026-12-31T22:00:00Z 50/200 pre-warm 2026-12-31T22:00..2027-01-01T02:00 (New year sale) starts",
                        "2027-01-01T02:00:00Z 5/40 pre-warm 2026-12-31T22:00..2027-01-01T02:00 (New year sale) ends: "
                                + "back to period nightly-batch",
                        "2027-01-01T04:00:00Z 3/20 period nightly-batch ends: back to default");
    }

    @Test
    void prewarm_shouldOverrideEvenWhenItAsksForLessThanThePeriod() {
        CapacityCalendar calendar = calendar("""
                prewarms:
                  - {from: "2026-12-07T12:00", until: "2026-12-07T12:30", min: 6, max: 10}
                """);

        assertThat(at(calendar, "2026-12-07T12:10:00Z").limits()).isEqualTo(new ScalingLimits(6, 10));
    }

    @Test
    void overlappingPrewarms_shouldCombineLikePeriods() {
        CapacityCalendar calendar = calendar("""
                prewarms:
                  - {from: "2026-12-07T12:00", until: "2026-12-07T14:00", min: 30, max: 60}
                  - {from: "2026-12-07T13:00", until: "2026-12-07T15:00", min: 25, max: 90}
                """);

        assertThat(at(calendar, "2026-12-07T13:30:00Z").limits()).isEqualTo(new ScalingLimits(30, 90));
        assertThat(at(calendar, "2026-12-07T14:30:00Z").limits()).isEqualTo(new ScalingLimits(25, 90));
    }

    @Test
    void weeklyPattern_shouldIgnoreDatedEntries() {
        CapacityCalendar calendar = calendar("""
                exceptions:
                  - {date: "2026-12-07", use: default}
                """);

        assertThat(calendar.weekly(java.time.DayOfWeek.MONDAY, 12 * 60).limits()).isEqualTo(new ScalingLimits(20, 100));
        assertThat(calendar.weekly(java.time.DayOfWeek.TUESDAY, 3 * 60).describeSources())
                .isEqualTo("period nightly-batch");
    }
}

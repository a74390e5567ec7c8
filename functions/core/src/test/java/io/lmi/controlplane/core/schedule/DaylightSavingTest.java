package io.lmi.controlplane.core.schedule;

import static io.lmi.controlplane.core.schedule.TestSchedules.BERLIN;
import static io.lmi.controlplane.core.schedule.TestSchedules.NEW_YORK;
import static io.lmi.controlplane.core.schedule.TestSchedules.NOW;
import static io.lmi.controlplane.core.schedule.TestSchedules.parse;
import static io.lmi.controlplane.core.schedule.TestSchedules.problems;
import static io.lmi.controlplane.core.schedule.TestSchedules.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * New York and Berlin change their clocks on different dates (US: second Sunday of March, first Sunday of November;
 * EU: last Sunday of March and of October), so a schedule in each moves against UTC at a different time.
 */
class DaylightSavingTest {

    private static final String BUSINESS_HOURS = """
            periods:
              - {name: business-hours, days: [MON, TUE, WED, THU, FRI], start: "09:00", end: "17:00", min: 10, max: 50}
            """;

    private static List<String> startsInUtc(ZoneId zone, String fromUtc, String toUtc) {
        CapacityCalendar calendar = CapacityCalendar.of(parse(yaml(zone.getId(), BUSINESS_HOURS)));
        return calendar.changes(Instant.parse(fromUtc), Instant.parse(toUtc)).stream()
                .filter(c -> c.after().min() == 10).map(c -> c.at().toString()).toList();
    }

    @Test
    void newYork_springForward_shouldKeepNineOClockLocal() {
        assertThat(startsInUtc(NEW_YORK, "2027-03-12T00:00:00Z", "2027-03-16T00:00:00Z"))
                .as("Friday 09:00 EST, then Monday 09:00 EDT")
                .containsExactly("2027-03-12T14:00:00Z", "2027-03-15T13:00:00Z");
    }

    @Test
    void berlin_springForward_shouldKeepNineOClockLocal() {
        assertThat(startsInUtc(BERLIN, "2027-03-26T00:00:00Z", "2027-03-30T00:00:00Z"))
                .as("Friday 09:00 CET, then Monday 09:00 CEST")
                .containsExactly("2027-03-26T08:00:00Z", "2027-03-29T07:00:00Z");
    }

    @Test
    void newYork_fallBack_shouldKeepNineOClockLocal() {
        assertThat(startsInUtc(NEW_YORK, "2027-11-05T00:00:00Z", "2027-11-09T00:00:00Z"))
                .containsExactly("2027-11-05T13:00:00Z", "2027-11-08T14:00:00Z");
    }

    @Test
    void berlin_fallBack_shouldKeepNineOClockLocal() {
        assertThat(startsInUtc(BERLIN, "2027-10-29T00:00:00Z", "2027-11-02T00:00:00Z"))
                .containsExactly("2027-10-29T07:00:00Z", "2027-11-01T08:00:00Z");
    }

    @Test
    void betweenTheTwoChanges_theZonesAreFiveHoursApartInsteadOfSix() {
        String newYork = startsInUtc(NEW_YORK, "2027-03-17T00:00:00Z", "2027-03-18T00:00:00Z").get(0);
        String berlin = startsInUtc(BERLIN, "2027-03-17T00:00:00Z", "2027-03-18T00:00:00Z").get(0);

        assertThat(Duration.between(Instant.parse(berlin), Instant.parse(newYork))).isEqualTo(Duration.ofHours(5));
        assertThat(Duration.between(Instant.parse(startsInUtc(BERLIN, "2027-04-07T00:00:00Z", "2027-04-08T00:00:00Z")
                .get(0)), Instant.parse(startsInUtc(NEW_YORK, "2027-04-07T00:00:00Z", "2027-04-08T00:00:00Z").get(0))))
                .isEqualTo(Duration.ofHours(6));
    }

    @Test
    void cron_shouldBeWallClockInTheScheduleZone() {
        List<ScheduledTransition> transitions = ScheduleCompiler.compile(parse(yaml("Europe/Berlin", BUSINESS_HOURS)), NOW);

        assertThat(transitions).extracting(ScheduledTransition::expression, ScheduledTransition::timezone)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cron(0 9 ? * MON-FRI *)", "Europe/Berlin"),
                        org.assertj.core.groups.Tuple.tuple("cron(0 17 ? * MON-FRI *)", "Europe/Berlin"));
    }

    @Test
    void springForwardGap_shouldBeRefusedInNewYork() {
        List<ScheduleProblem> problems = problems(yaml("America/New_York", """
                periods:
                  - {name: early, days: [SUN], start: "02:30", end: "06:00", min: 5, max: 20}
                """));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("periods[0].start");
            assertThat(p.message()).contains("02:30 does not exist in America/New_York on 2027-03-14",
                    "clocks jump from 02:00 to 03:00", "skips a cron time", "Choose a time outside 02:00-03:00");
        });
    }

    @Test
    void gapTimeOnDaysThatAreNotTheChangeDay_isAccepted() {
        // The clocks change on Sundays in both zones; these periods never fire on one at the missing time.
        assertThat(parse(yaml("America/New_York", """
                periods:
                  - {name: early, days: [MON], start: "02:30", end: "06:00", min: 5, max: 20}
                """)).schedule().periods()).hasSize(1);
        assertThat(parse(yaml("Europe/Berlin", """
                periods:
                  - {name: early, days: [MON, TUE, WED, THU, FRI, SAT], start: "02:15", end: "02:45", min: 5, max: 20}
                """)).schedule().periods()).hasSize(1);
        // Starts on Sunday evening: its end across midnight falls on Monday, when 02:15 exists.
        assertThat(parse(yaml("Europe/Berlin", """
                periods:
                  - {name: night, days: [SUN], start: "22:00", end: "02:15", min: 5, max: 20}
                """)).schedule().periods()).hasSize(1);
    }

    @Test
    void endOnTheChangeDayItself_isRefusedInNewYork() {
        List<ScheduleProblem> problems = problems(yaml("America/New_York", """
                periods:
                  - {name: small-hours, days: [SUN], start: "01:00", end: "02:30", min: 5, max: 20}
                """));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("periods[0].end");
            assertThat(p.message()).contains("02:30 does not exist in America/New_York on 2027-03-14");
        });
    }

    @Test
    void springForwardGap_shouldBeRefusedInBerlinOnItsOwnDate() {
        List<ScheduleProblem> problems = problems(yaml("Europe/Berlin", """
                periods:
                  - {name: night, days: [SAT], start: "22:00", end: "02:15", min: 5, max: 20}
                """));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("periods[0].end");
            assertThat(p.message()).contains("02:15 does not exist in Europe/Berlin on 2027-03-28",
                    "would not end that day");
        });
    }

    @Test
    void fallBackOverlap_newYork_shouldFireOnceAtTheFirstOccurrence() {
        ValidatedSchedule schedule = parse(yaml("America/New_York", """
                periods:
                  - {name: early, days: [SUN], start: "01:30", end: "06:00", min: 10, max: 50}
                """));
        CapacityCalendar calendar = CapacityCalendar.of(schedule);
        Instant firstOneThirty = Instant.parse("2027-11-07T05:30:00Z");
        Instant secondOneThirty = Instant.parse("2027-11-07T06:30:00Z");

        assertThat(calendar.changes(Instant.parse("2027-11-07T00:00:00Z"), Instant.parse("2027-11-08T00:00:00Z")))
                .extracting(c -> c.at().toString() + " " + c.after().limits())
                .containsExactly("2027-11-07T05:30:00Z 10/50", "2027-11-07T11:00:00Z 3/20");
        assertThat(calendar.at(secondOneThirty.minusSeconds(60)).limits()).as("still in the period during the repeated hour")
                .isEqualTo(new ScalingLimits(10, 50));
        TransitionTrigger start = ScheduleCompiler.compile(schedule, NOW).get(0).trigger();
        assertThat(start.expression()).isEqualTo("cron(30 1 ? * SUN *)");
        assertThat(start.firesAt(firstOneThirty)).isTrue();
        assertThat(start.firesAt(secondOneThirty)).isFalse();
    }

    @Test
    void fallBack_berlin_nightAcrossTheChangeLastsAnHourLongerInUtc() {
        CapacityCalendar calendar = CapacityCalendar.of(parse(yaml("Europe/Berlin", """
                periods:
                  - {name: night, days: [SAT], start: "22:00", end: "05:00", min: 10, max: 50}
                """)));

        List<CapacityChange> changes = calendar.changes(Instant.parse("2027-10-30T12:00:00Z"),
                Instant.parse("2027-10-31T12:00:00Z"));
        assertThat(changes).extracting(c -> c.at().toString())
                .as("22:00 CEST and 05:00 CET").containsExactly("2027-10-30T20:00:00Z", "2027-10-31T04:00:00Z");
        assertThat(Duration.between(changes.get(0).at(), changes.get(1).at())).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void nightSpanningTheFallBack_shouldLastNineHours() {
        CapacityCalendar calendar = CapacityCalendar.of(parse(yaml("America/New_York", """
                periods:
                  - {name: night, days: [SAT], start: "22:00", end: "06:00", min: 10, max: 50}
                """)));

        List<CapacityChange> changes = calendar.changes(Instant.parse("2027-11-06T12:00:00Z"),
                Instant.parse("2027-11-07T18:00:00Z"));
        assertThat(Duration.between(changes.get(0).at(), changes.get(1).at())).isEqualTo(Duration.ofHours(9));
    }

    @Test
    void prewarmAtAnAmbiguousOrMissingTime_shouldBeRefused() {
        List<ScheduleProblem> problems = problems(yaml("America/New_York", """
                prewarms:
                  - {from: "2027-11-07T01:30", until: "2027-11-07T05:00", min: 10, max: 50}
                  - {from: "2027-03-14T02:30", until: "2027-03-14T05:00", min: 10, max: 50}
                """));

        assertThat(problems).extracting(ScheduleProblem::path).containsExactly("prewarms[0].from", "prewarms[1].from");
        assertThat(problems.get(0).message()).contains("occurs twice in America/New_York", "outside 01:00-02:00");
        assertThat(problems.get(1).message()).contains("does not exist in America/New_York", "outside 02:00-03:00");
    }

    @Test
    void exceptionOnASpringForwardSunday_shouldStillFollowWallTime() {
        ValidatedSchedule schedule = parse(yaml("Europe/Berlin", BUSINESS_HOURS + """
                exceptions:
                  - {date: "2027-03-28", use: MON}
                """));

        List<ScheduledTransition> oneOffs = ScheduleCompiler.compile(schedule, NOW).stream()
                .filter(t -> !t.recurring()).toList();
        assertThat(oneOffs).extracting(ScheduledTransition::expression, ScheduledTransition::timezone).containsExactly(
                org.assertj.core.groups.Tuple.tuple("at(2027-03-28T09:00:00)", "Europe/Berlin"),
                org.assertj.core.groups.Tuple.tuple("at(2027-03-28T17:00:00)", "Europe/Berlin"));
        assertThat(((TransitionTrigger.Once) oneOffs.get(0).trigger()).instant())
                .isEqualTo(Instant.parse("2027-03-28T07:00:00Z"));
    }
}

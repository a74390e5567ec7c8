package io.lmi.controlplane.core.schedule;

import static io.lmi.controlplane.core.schedule.TestSchedules.NOW;
import static io.lmi.controlplane.core.schedule.TestSchedules.parse;
import static io.lmi.controlplane.core.schedule.TestSchedules.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleCompilerTest {

    private static ValidatedSchedule example() throws IOException {
        return CapacitySchedules.read(TestSchedules.repositoryRoot().resolve("docs/examples/capacity-schedule.yaml"),
                SchedulePolicy.defaults(), NOW);
    }

    private static List<String> rows(List<ScheduledTransition> transitions, String prefix) {
        return transitions.stream().map(t -> t.name().substring(prefix.length()) + " | " + t.expression() + " | "
                + t.timezone() + " | " + t.limits() + " | " + t.reason()).toList();
    }

    @Test
    void example_shouldCompileToTheseSchedules() throws IOException {
        ValidatedSchedule schedule = example();
        String prefix = "orders-api-" + schedule.schedule().target().keyDigest() + "-";

        List<ScheduledTransition> transitions = ScheduleCompiler.compile(schedule, NOW);

        assertThat(rows(transitions, prefix)).containsExactly(
                "w0400-daily | cron(0 4 ? * * *) | America/New_York | 3/20 | period nightly-batch ends: back to default",
                "w0800-SUN_SAT | cron(0 8 ? * SUN,SAT *) | America/New_York | 2/20 | period weekend-quiet starts",
                "w0800-MON-FRI | cron(0 8 ? * MON-FRI *) | America/New_York | 10/100 | period business-hours starts",
                "w1130-MON-FRI | cron(30 11 ? * MON-FRI *) | America/New_York | 20/150 | period lunch-peak starts",
                "w1330-MON-FRI | cron(30 13 ? * MON-FRI *) | America/New_York | 10/100 | period lunch-peak ends: back to "
                        + "period business-hours",
                "w1800-MON-FRI | cron(0 18 ? * MON-FRI *) | America/New_York | 3/20 | period business-hours ends: back to "
                        + "default",
                "w2000-SUN_SAT | cron(0 20 ? * SUN,SAT *) | America/New_York | 3/20 | period weekend-quiet ends: back to "
                        + "default",
                "w2300-daily | cron(0 23 ? * * *) | America/New_York | 5/40 | period nightly-batch starts",
                "o20261225T0300Z | at(2026-12-24T22:00:00) | America/New_York | 40/200 | pre-warm "
                        + "2026-12-24T22:00..2026-12-25T02:00 (Christmas Eve midnight sale) starts",
                "o20261225T0700Z | at(2026-12-25T02:00:00) | America/New_York | 5/40 | pre-warm "
                        + "2026-12-24T22:00..2026-12-25T02:00 (Christmas Eve midnight sale) ends: back to period "
                        + "nightly-batch (exception 2026-12-25 Christmas Day: like a SUN)",
                "o20261226T0100Z | at(2026-12-25T20:00:00) | America/New_York | 3/20 | period weekend-quiet ends: back "
                        + "to default (exception 2026-12-25 Christmas Day: like a SUN)",
                "o20270102T2300Z | at(2027-01-02T18:00:00) | America/New_York | 3/20 | period business-hours ends: back "
                        + "to default (exception 2027-01-02 Year-end close: only period business-hours)");
    }

    @Test
    void names_shouldBeValidSchedulerNamesAndStable() throws IOException {
        List<ScheduledTransition> first = ScheduleCompiler.compile(example(), NOW);
        List<ScheduledTransition> second = ScheduleCompiler.compile(example(), NOW);

        assertThat(first).extracting(ScheduledTransition::name).doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).hasSizeLessThanOrEqualTo(64).matches("[0-9a-zA-Z._-]+"));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void names_shouldDifferBetweenFunctionsEvenWhenTruncated() {
        String longName = "a-very-long-function-name-that-exceeds-the-prefix";
        ValidatedSchedule one = parse(yaml("UTC", """
                periods:
                  - {name: day, days: [MON], start: "08:00", end: "18:00", min: 5, max: 20}
                """).replace("function: orders", "function: " + longName + "-1"));
        ValidatedSchedule two = parse(yaml("UTC", """
                periods:
                  - {name: day, days: [MON], start: "08:00", end: "18:00", min: 5, max: 20}
                """).replace("function: orders", "function: " + longName + "-2"));

        String nameOne = ScheduleCompiler.compile(one, NOW).get(0).name();
        String nameTwo = ScheduleCompiler.compile(two, NOW).get(0).name();
        assertThat(nameOne).startsWith("a-very-long-function-nam-").isNotEqualTo(nameTwo);
        assertThat(nameOne).hasSizeLessThanOrEqualTo(64);
    }

    @Test
    void spanningMidnight_shouldPutTheEndCronOnTheFollowingDays() {
        ValidatedSchedule schedule = parse(yaml("UTC", """
                periods:
                  - {name: weekend-nights, days: [FRI, SAT], start: "22:00", end: "04:00", min: 5, max: 20}
                  - {name: late, days: [WED], start: "20:00", end: "24:00", min: 6, max: 20}
                """));

        assertThat(ScheduleCompiler.compile(schedule, NOW)).extracting(ScheduledTransition::expression).containsExactly(
                "cron(0 0 ? * THU *)", "cron(0 4 ? * SUN,SAT *)", "cron(0 20 ? * WED *)", "cron(0 22 ? * FRI,SAT *)");
    }

    @Test
    void backToBackPeriodsWithEqualLimits_shouldNotCreateAUselessTransition() {
        ValidatedSchedule schedule = parse(yaml("UTC", """
                periods:
                  - {name: morning, days: [MON], start: "08:00", end: "12:00", min: 5, max: 20}
                  - {name: afternoon, days: [MON], start: "12:00", end: "18:00", min: 5, max: 20}
                """));

        assertThat(ScheduleCompiler.compile(schedule, NOW)).extracting(ScheduledTransition::expression)
                .containsExactly("cron(0 8 ? * MON *)", "cron(0 18 ? * MON *)");
    }

    @Test
    void cronDays_shouldUseSchedulerNamesAndRanges() {
        assertThat(CronDays.field(EnumSet.allOf(DayOfWeek.class))).isEqualTo("*");
        assertThat(CronDays.field(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY))).isEqualTo("MON-FRI");
        assertThat(CronDays.field(Set.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY))).isEqualTo("SUN,MON,WED-FRI");
        assertThat(CronDays.nameToken(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY))).isEqualTo("SUN_SAT");
    }

    @Test
    void oneOffsInThePast_shouldNotBeCreated() throws IOException {
        Instant afterChristmas = Instant.parse("2026-12-28T00:00:00Z");

        assertThat(ScheduleCompiler.compile(example(), afterChristmas)).filteredOn(t -> !t.recurring())
                .extracting(ScheduledTransition::expression).containsExactly("at(2027-01-02T18:00:00)");
    }

    @Test
    void ambiguousOneOff_shouldBeWrittenInUtc() {
        TransitionTrigger.Once once = TransitionTrigger.Once.of(Instant.parse("2027-11-07T06:15:00Z"),
                TestSchedules.NEW_YORK);

        assertThat(once.expression()).isEqualTo("at(2027-11-07T06:15:00)");
        assertThat(once.timezone().getId()).isEqualTo("UTC");
        assertThat(once.firesAt(Instant.parse("2027-11-07T06:15:00Z"))).isTrue();
    }

    @Test
    void description_shouldFitScheduler() {
        ScheduledTransition transition = new ScheduledTransition("n", TransitionTrigger.Once.of(NOW,
                TestSchedules.BERLIN), new ScalingLimits(3, 5), "x".repeat(600));

        assertThat(transition.description()).hasSize(ScheduledTransition.MAX_DESCRIPTION_LENGTH).startsWith("sets 3/5: x");
    }

    @Test
    void shaperWakeUp_shouldRoundTripThroughJson() throws IOException {
        ValidatedSchedule schedule = example();
        ScheduledTransition transition = ScheduleCompiler.compile(schedule, NOW).stream()
                .filter(t -> t.name().endsWith("-w0800-MON-FRI")).findFirst().orElseThrow();

        ShaperWakeUp wakeUp = ShaperWakeUp.of(schedule.schedule().target(), transition);

        assertThat(ShaperWakeUp.fromJson(wakeUp.toJson())).isEqualTo(wakeUp);
        assertThat(wakeUp.toJson()).contains("\"schedule\":\"orders-api\"", "\"expectedMin\":10");
    }

    @Test
    void schedule_shouldFollowANewVersion() throws IOException {
        CapacitySchedule moved = example().schedule().withQualifier("42");
        ValidatedSchedule revalidated = new ScheduleValidator(SchedulePolicy.defaults()).validate(moved, NOW);

        assertThat(revalidated.schedule().qualifier()).isEqualTo("42");
        assertThat(ScheduleCompiler.compile(revalidated, NOW)).as("names do not depend on the version")
                .extracting(ScheduledTransition::name)
                .isEqualTo(ScheduleCompiler.compile(example(), NOW).stream().map(ScheduledTransition::name).toList());
    }

    @Test
    void pruning_shouldDropDatedEntriesThatAreOver() throws IOException {
        CapacitySchedule pruned = example().schedule().prunedAt(Instant.parse("2026-12-26T12:00:00Z"));

        assertThat(pruned.exceptions()).extracting(e -> e.date().toString()).containsExactly("2027-01-02");
        assertThat(pruned.prewarms()).isEmpty();
    }
}

package io.lmi.controlplane.core.schedule;

import static io.lmi.controlplane.core.schedule.TestSchedules.NOW;
import static io.lmi.controlplane.core.schedule.TestSchedules.parse;
import static io.lmi.controlplane.core.schedule.TestSchedules.problems;
import static io.lmi.controlplane.core.schedule.TestSchedules.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One test per guardrail; each asserts the path of the offending field and the fix in the message. */
class ScheduleGuardrailsTest {

    private static ScheduleProblem only(List<ScheduleProblem> problems) {
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    @Test
    void selectorWithAVersionNumber_isRefusedOffline() {
        ScheduleProblem problem = only(problems("""
                selector: {tags: {team: x}}
                qualifier: "3"
                environment: non-production
                timezone: UTC
                default: {min: 1, max: 5}
                """));

        assertThat(problem.path()).isEqualTo("qualifier");
        assertThat(problem.message()).contains("a selector governs many functions", "use $LATEST.PUBLISHED");
    }

    @Test
    void messagesPrintTimesWithoutFractionsOfASecond() {
        java.time.Instant withNanos = java.time.Instant.parse("2026-11-26T02:27:44.218390521Z");
        String text = """
                function: orders
                qualifier: "7"
                environment: non-production
                timezone: UTC
                default: {min: 0, max: 0}
                """;

        assertThatThrownBy(() -> CapacitySchedules.parse(text, ScheduleFormat.YAML, SchedulePolicy.defaults(),
                withNanos)).isInstanceOfSatisfying(InvalidScheduleException.class, e ->
                assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message())
                        .contains("from 2026-11-26T02:27:44 UTC").doesNotContain(".218")));
    }

    @Test
    void productionFloor_shouldRefuseAMinBelowThreeWithoutAReason() {
        ScheduleProblem problem = only(problems(yaml("UTC", """
                periods:
                  - {name: night, days: [MON], start: "00:00", end: "06:00", min: 1, max: 5}
                """)));

        assertThat(problem.path()).isEqualTo("periods[0].min");
        assertThat(problem.message()).contains("below the production floor of 3", "add periods[0].reason");
    }

    @Test
    void productionFloor_shouldAcceptAMinBelowThreeWithAReason() {
        assertThatCode(() -> parse(yaml("UTC", """
                periods:
                  - {name: night, days: [MON], start: "00:00", end: "06:00", min: 1, max: 5,
                     reason: Nightly traffic is internal and retried}
                """))).doesNotThrowAnyException();
    }

    @Test
    void productionFloor_shouldNotApplyOutsideProduction() {
        assertThatCode(() -> parse(yaml("UTC", """
                periods:
                  - {name: night, days: [MON], start: "00:00", end: "06:00", min: 1, max: 5}
                """).replace("environment: production", "environment: non-production"))).doesNotThrowAnyException();
    }

    @Test
    void productionFloor_shouldBeConfigurable() {
        String schedule = yaml("UTC", "").replace("{min: 3, max: 20}", "{min: 4, max: 20}");
        SchedulePolicy stricter = SchedulePolicy.defaults().withProductionFloor(5);

        assertThatThrownBy(() -> CapacitySchedules.parse(schedule, ScheduleFormat.YAML, stricter, NOW))
                .hasMessageContaining("default.min: is 4, below the production floor of 5");
    }

    @Test
    void reason_shouldBeASentenceNotAPlaceholder() {
        ScheduleProblem problem = only(problems(yaml("UTC", """
                periods:
                  - {name: night, days: [MON], start: "00:00", end: "06:00", min: 1, max: 5, reason: ok}
                """)));

        assertThat(problem.path()).isEqualTo("periods[0].reason");
        assertThat(problem.message()).contains("at least 10 characters");
    }

    @Test
    void maxBelowMin_shouldBeRefused() {
        ScheduleProblem problem = only(problems(yaml("UTC", """
                prewarms:
                  - {from: "2026-12-24T08:00", until: "2026-12-24T12:00", min: 50, max: 40}
                """)));

        assertThat(problem.path()).isEqualTo("prewarms[0].max");
        assertThat(problem.message()).isEqualTo("is 40, below min 50; max must be at least min");
    }

    @Test
    void minZero_shouldOnlyComeWithMaxZero() {
        ScheduleProblem problem = only(problems(yaml("UTC", "").replace("environment: production",
                "environment: non-production").replace("{min: 3, max: 20}", "{min: 0, max: 5}")));

        assertThat(problem.path()).isEqualTo("default.max");
        assertThat(problem.message()).contains("must be 0 when min is 0", "deactivates the version");
    }

    @Test
    void deactivation_shouldBeRefusedWithoutAReactivation() {
        ScheduleProblem problem = only(problems("""
                function: orders
                qualifier: "7"
                environment: non-production
                timezone: UTC
                default: {min: 0, max: 0}
                """));

        assertThat(problem.path()).isEqualTo("default");
        assertThat(problem.message()).contains("sets 0/0", "nothing raises it again within 7 days",
                "does not come back by itself");
    }

    @Test
    void deactivation_shouldBeRefusedWhenTheReactivationComesTooLate() {
        ScheduleProblem problem = only(problems("""
                function: orders
                qualifier: "7"
                environment: non-production
                timezone: UTC
                default: {min: 3, max: 20}
                prewarms:
                  - {from: "2026-12-01T00:00", until: "2026-12-09T00:00", min: 0, max: 0}
                """));

        assertThat(problem.path()).isEqualTo("prewarms[0]");
        assertThat(problem.message()).contains("from 2026-12-01T00:00 UTC", "the next change is at 2026-12-09T00:00");
    }

    @Test
    void deactivation_shouldBeAcceptedWhenAPeriodReactivatesWithinTheHorizon() {
        String weekendShutdown = """
                function: orders
                qualifier: "7"
                environment: non-production
                timezone: Europe/Berlin
                default: {min: 0, max: 0}
                periods:
                  - {name: weekdays, days: [MON, TUE, WED, THU, FRI], start: "07:00", end: "19:00", min: 1, max: 5}
                """;

        assertThatCode(() -> parse(weekendShutdown)).doesNotThrowAnyException();
        SchedulePolicy oneDay = SchedulePolicy.defaults().withReactivationHorizon(Duration.ofDays(1));
        assertThatThrownBy(() -> CapacitySchedules.parse(weekendShutdown, ScheduleFormat.YAML, oneDay, NOW))
                .hasMessageContaining("default: sets 0/0").hasMessageContaining("within 1 day");
    }

    @Test
    void executionEnvironments_shouldStayWithinTheApiRange() {
        List<ScheduleProblem> problems = problems(yaml("UTC", """
                periods:
                  - {name: peak, days: [MON], start: "08:00", end: "18:00", min: -1, max: 15001}
                """));

        assertThat(problems).extracting(ScheduleProblem::path).containsExactly("periods[0].min", "periods[0].max");
        assertThat(problems.get(1).message()).contains("between 0 and 15000");
    }

    @Test
    void qualifier_shouldRefuseAnAlias() {
        ScheduleProblem problem = only(problems(yaml("UTC", "").replace("qualifier: \"7\"", "qualifier: live")));

        assertThat(problem.path()).isEqualTo("qualifier");
        assertThat(problem.message()).contains("never an alias", "give the version the alias points to");
    }

    @Test
    void qualifier_shouldRefuseLatestWithTheReason() {
        ScheduleProblem problem = only(problems(yaml("UTC", "").replace("qualifier: \"7\"", "qualifier: $LATEST")));

        assertThat(problem.path()).isEqualTo("qualifier");
        assertThat(problem.message()).contains("not invocable", "use $LATEST.PUBLISHED or a version number");
    }

    @Test
    void timezone_shouldRefuseUnknownIds() {
        ScheduleProblem problem = only(problems(yaml("America/New_Yrok", "")));

        assertThat(problem.path()).isEqualTo("timezone");
        assertThat(problem.message()).contains("not an IANA time zone id", "did you mean \"America/New_York\"");
    }

    @Test
    void timezone_shouldRefuseAbbreviationsThatIgnoreDaylightSaving() {
        ScheduleProblem problem = only(problems(yaml("EST", "")));

        assertThat(problem.path()).isEqualTo("timezone");
        assertThat(problem.message()).contains("EST, for one, is UTC-5 all year", "America/New_York");
    }

    @Test
    void timezone_shouldRefuseLegacyIdsWithoutARegion() {
        ScheduleProblem problem = only(problems(yaml("CET", "")));

        assertThat(problem.path()).isEqualTo("timezone");
        assertThat(problem.message()).contains("\"CET\" is an abbreviation or legacy id", "Europe/Berlin");
    }

    @Test
    void time_shouldBeHhMm() {
        ScheduleProblem problem = only(problems(yaml("UTC", """
                periods:
                  - {name: day, days: [MON], start: "08:00", end: "18:60", min: 3, max: 20}
                """)));

        assertThat(problem.path()).isEqualTo("periods[0].end");
        assertThat(problem.message()).contains("\"18:60\" is not a time", "HH:MM");
    }

    @Test
    void time_shouldAllow2400OnlyAsAnEnd() {
        assertThatCode(() -> parse(yaml("UTC", """
                periods:
                  - {name: all-day, days: [SAT], start: "00:00", end: "24:00", min: 5, max: 20}
                """))).doesNotThrowAnyException();
        ScheduleProblem problem = only(problems(yaml("UTC", """
                periods:
                  - {name: late, days: [SAT], start: "24:00", end: "02:00", min: 5, max: 20}
                """)));
        assertThat(problem.path()).isEqualTo("periods[0].start");
        assertThat(problem.message()).contains("24:00 is only valid as an end");
    }

    @Test
    void period_shouldNotBeEmpty() {
        ScheduleProblem problem = only(problems(yaml("UTC", """
                periods:
                  - {name: nothing, days: [SAT], start: "10:00", end: "10:00", min: 5, max: 20}
                """)));

        assertThat(problem.path()).isEqualTo("periods[0].end");
        assertThat(problem.message()).contains("use start \"00:00\" and end \"24:00\"");
    }

    @Test
    void days_shouldBeMonToSunOnceEach() {
        List<ScheduleProblem> problems = problems(yaml("UTC", """
                periods:
                  - {name: day, days: [MON, Mon, MON], start: "08:00", end: "18:00", min: 3, max: 20}
                  - {name: never, days: [], start: "08:00", end: "18:00", min: 3, max: 20}
                """));

        assertThat(problems).extracting(ScheduleProblem::path)
                .containsExactly("periods[0].days[1]", "periods[0].days[2]", "periods[1].days");
        assertThat(problems.get(1).message()).contains("MON is listed twice");
    }

    @Test
    void date_shouldBeIsoAndNotInThePast() {
        List<ScheduleProblem> problems = problems(yaml("UTC", """
                exceptions:
                  - {date: "25/12/2026", use: SUN}
                  - {date: "2026-11-29", use: SUN}
                """));

        assertThat(problems).extracting(ScheduleProblem::path).containsExactly("exceptions[0].date", "exceptions[1].date");
        assertThat(problems.get(0).message()).contains("write yyyy-mm-dd");
        assertThat(problems.get(1).message()).contains("is in the past (today is 2026-11-30 in UTC)");
    }

    @Test
    void exceptionDates_shouldBeUnique() {
        ScheduleProblem problem = only(problems(yaml("UTC", """
                exceptions:
                  - {date: "2026-12-25", use: SUN}
                  - {date: "2026-12-25", use: default}
                """)));

        assertThat(problem.path()).isEqualTo("exceptions[1].date");
        assertThat(problem.message()).contains("already has exceptions[0]");
    }

    @Test
    void exceptionUse_shouldNameADefaultADayOrAPeriod() {
        ScheduleProblem problem = only(problems(yaml("UTC", """
                periods:
                  - {name: business-hours, days: [MON], start: "08:00", end: "18:00", min: 3, max: 20}
                exceptions:
                  - {date: "2026-12-25", use: busines-hours}
                """)));

        assertThat(problem.path()).isEqualTo("exceptions[0].use");
        assertThat(problem.message()).contains("(business-hours)", "did you mean \"business-hours\"");
    }

    @Test
    void periodNames_shouldBeUniqueAndUsable() {
        List<ScheduleProblem> problems = problems(yaml("UTC", """
                periods:
                  - {name: peak, days: [MON], start: "08:00", end: "18:00", min: 3, max: 20}
                  - {name: peak, days: [TUE], start: "08:00", end: "18:00", min: 3, max: 20}
                  - {name: Business Hours, days: [WED], start: "08:00", end: "18:00", min: 3, max: 20}
                """));

        assertThat(problems).extracting(ScheduleProblem::path).containsExactly("periods[1].name", "periods[2].name");
        assertThat(problems.get(0).message()).contains("already the name of periods[0]");
        assertThat(problems.get(1).message()).contains("lower-case letters, digits and dashes");
    }

    @Test
    void prewarm_shouldEndAfterItStarts() {
        ScheduleProblem problem = only(problems(yaml("UTC", """
                prewarms:
                  - {from: "2026-12-24T08:00", until: "2026-12-24T08:00", min: 5, max: 40}
                """)));

        assertThat(problem.path()).isEqualTo("prewarms[0].until");
        assertThat(problem.message()).contains("is not after from");
    }

    @Test
    void prewarm_shouldNotBeOver() {
        ScheduleProblem problem = only(problems(yaml("UTC", """
                prewarms:
                  - {from: "2026-11-30T08:00", until: "2026-11-30T11:00", min: 5, max: 40}
                """)));

        assertThat(problem.path()).isEqualTo("prewarms[0].until");
        assertThat(problem.message()).contains("is in the past (now is 2026-11-30T12:00)");
    }

    @Test
    void prewarm_shouldBeAcceptedWhileItIsUnderWay() {
        assertThatCode(() -> parse(yaml("UTC", """
                prewarms:
                  - {from: "2026-11-30T08:00", until: "2026-11-30T14:00", min: 5, max: 40}
                """))).doesNotThrowAnyException();
    }

    @Test
    void function_shouldBeANameOrAnUnqualifiedArn() {
        ScheduleProblem problem = only(problems(yaml("UTC", "").replace("function: orders",
                "function: arn:aws:lambda:us-east-1:123456789012:function:orders:7")));

        assertThat(problem.path()).isEqualTo("function");
        assertThat(problem.message()).contains("qualified ARN", "put the version in qualifier");
        assertThatCode(() -> parse(yaml("UTC", "").replace("function: orders",
                "function: arn:aws:lambda:us-east-1:123456789012:function:orders"))).doesNotThrowAnyException();
    }

    @Test
    void selector_shouldNameAtLeastOneTag() {
        ScheduleProblem problem = only(problems(yaml("UTC", "").replace("function: orders", "selector: {tags: {}}")
                .replace("qualifier: \"7\"", "qualifier: $LATEST.PUBLISHED")));

        assertThat(problem.path()).isEqualTo("selector.tags");
        assertThat(problem.message()).contains("would match every function");
    }

    @Test
    void functionNotOnManagedInstances_shouldBeRefusedThroughThePort() {
        ManagedInstancesCheck notLmi = (function, qualifier) -> Optional.of(function + ":" + qualifier
                + " has no capacity provider configuration");

        assertThatThrownBy(() -> CapacitySchedules.parse(yaml("UTC", ""), ScheduleFormat.YAML, SchedulePolicy.defaults(),
                NOW, notLmi)).isInstanceOfSatisfying(InvalidScheduleException.class, e -> {
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.path()).isEqualTo("function");
                        assertThat(p.message()).startsWith("orders:7 has no capacity provider configuration")
                                .contains("migrate it first");
                    });
                });
        assertThatCode(() -> CapacitySchedules.parse(yaml("UTC", ""), ScheduleFormat.YAML, SchedulePolicy.defaults(), NOW,
                (function, qualifier) -> Optional.empty())).doesNotThrowAnyException();
    }

    @Test
    void validator_shouldCheckSchedulesBuiltInCodeTheSameWay() {
        CapacitySchedule schedule = parse(yaml("UTC", "")).schedule().withQualifier("prod");

        assertThatThrownBy(() -> new ScheduleValidator(SchedulePolicy.defaults()).validate(schedule, NOW))
                .isInstanceOf(InvalidScheduleException.class).hasMessageContaining("qualifier: \"prod\" is not a version");
    }
}

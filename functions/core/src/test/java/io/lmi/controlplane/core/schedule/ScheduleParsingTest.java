package io.lmi.controlplane.core.schedule;

import static io.lmi.controlplane.core.schedule.TestSchedules.NOW;
import static io.lmi.controlplane.core.schedule.TestSchedules.parse;
import static io.lmi.controlplane.core.schedule.TestSchedules.problems;
import static io.lmi.controlplane.core.schedule.TestSchedules.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleParsingTest {

    private static final String FULL_YAML = """
            function: orders-api
            qualifier: $LATEST.PUBLISHED
            environment: non-production
            timezone: Europe/Berlin
            default: {min: 1, max: 10}
            periods:
              - name: business-hours
                days: [MON, TUE, WED, THU, FRI]
                start: "08:00"
                end: 18:00
                min: 4
                max: 40
            exceptions:
              - {date: "2026-12-24", use: SUN, reason: Christmas Eve}
            prewarms:
              - {from: "2026-12-31T22:00", until: "2027-01-01T02:00:00", min: 8, max: 80, reason: New year launch}
            """;

    @Test
    void yaml_shouldDecodeEveryField() {
        CapacitySchedule schedule = parse(FULL_YAML).schedule();

        assertThat(schedule.target()).isEqualTo(new ScheduleTarget.FunctionTarget("orders-api"));
        assertThat(schedule.qualifier()).isEqualTo("$LATEST.PUBLISHED");
        assertThat(schedule.environment()).isEqualTo(Environment.NON_PRODUCTION);
        assertThat(schedule.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(schedule.defaults()).isEqualTo(DefaultCapacity.of(1, 10));
        assertThat(schedule.periods()).containsExactly(Period.of("business-hours",
                Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
                "08:00", "18:00", 4, 40));
        assertThat(schedule.exceptions()).containsExactly(new ExceptionDate(LocalDate.of(2026, 12, 24),
                new DayUse.LikeDay(DayOfWeek.SUNDAY), Optional.of("Christmas Eve")));
        assertThat(schedule.prewarms()).containsExactly(new Prewarm(LocalDateTime.of(2026, 12, 31, 22, 0),
                LocalDateTime.of(2027, 1, 1, 2, 0), 8, 80, Optional.of("New year launch")));
    }

    @Test
    void json_shouldDecodeTheSameDocumentAsYaml() {
        CapacitySchedule fromYaml = parse(FULL_YAML).schedule();
        String json = ScheduleJson.toJson(fromYaml);

        CapacitySchedule fromJson = CapacitySchedules.parse(json, ScheduleFormat.JSON, SchedulePolicy.defaults(), NOW)
                .schedule();

        assertThat(fromJson).isEqualTo(fromYaml);
        assertThat(json).contains("\"default\"", "\"periods\"", "\"exceptions\"", "\"prewarms\"", "\"use\" : \"SUN\"");
    }

    @Test
    void selector_shouldDecodeTagsInsteadOfFunction() {
        CapacitySchedule schedule = parse("""
                selector: {tags: {team: payments, tier: "1"}}
                qualifier: $LATEST.PUBLISHED
                timezone: UTC
                default: {min: 3, max: 9}
                """).schedule();

        assertThat(schedule.target()).isEqualTo(new ScheduleTarget.TagSelector(Map.of("team", "payments", "tier", "1")));
        assertThat(schedule.target().key()).isEqualTo("tags:team=payments,tier=1");
        assertThat(schedule.environment()).as("environment defaults to the safe side").isEqualTo(Environment.PRODUCTION);
    }

    @Test
    void unknownFields_shouldBeRefusedWithTheirPathAndASuggestion() {
        List<ScheduleProblem> problems = problems("""
                function: orders
                qualifier: "7"
                timezon: UTC
                timezone: UTC
                default: {min: 3, max: 20, maximum: 40}
                periods:
                  - {name: day, days: [MON], strat: "08:00", start: "08:00", end: "18:00", min: 3, max: 20}
                """);

        assertThat(problems).extracting(ScheduleProblem::path)
                .containsExactly("timezon", "default.maximum", "periods[0].strat");
        assertThat(problems.get(0).message()).contains("unknown field", "did you mean \"timezone\"");
        assertThat(problems.get(2).message()).contains("did you mean \"start\"");
    }

    @Test
    void everyProblem_shouldBeReportedInOnePass() {
        List<ScheduleProblem> problems = problems("""
                function: orders
                qualifier: live
                timezone: Europe/Berln
                default: {min: 3, max: 20}
                periods:
                  - {name: day, days: [MON, Tue], start: "9:00", end: "18:00", min: "three", max: 20}
                  - {name: night, days: [SAT], start: "22:00", end: "06:00", min: 1, max: 20}
                exceptions:
                  - {date: "2026-02-30", use: SUN}
                prewarms:
                  - {from: "2026-12-24T22:00Z", until: "2026-12-25T02:00", min: 40, max: 10}
                """);

        assertThat(problems).extracting(ScheduleProblem::path).containsExactlyInAnyOrder(
                "timezone", "periods[0].days[1]", "periods[0].start", "periods[0].min", "exceptions[0].date",
                "prewarms[0].from", "qualifier", "periods[1].min", "prewarms[0].max");
        assertThat(problems).filteredOn(p -> p.path().equals("timezone")).first()
                .extracting(ScheduleProblem::message).asString().contains("did you mean \"Europe/Berlin\"");
    }

    @Test
    void wrongTypes_shouldSayWhatWasExpectedAndWhatWasFound() {
        List<ScheduleProblem> problems = problems(yaml("UTC", """
                periods:
                  - {name: day, days: [MON, NO], start: "08:00", end: "18:00", min: 2.5, max: 20}
                exceptions: {date: "2026-12-25", use: SUN}
                """));

        assertThat(problems).extracting(ScheduleProblem::path, ScheduleProblem::message).contains(
                tuple("periods[0].days[1]", "the boolean false (YAML reads an unquoted no/off as false) is not a day; "
                        + "use MON, TUE, WED, THU, FRI, SAT, SUN"),
                tuple("periods[0].min", "must be a whole number, got the number 2.5"),
                tuple("exceptions", "must be a list of exceptions, got an object"));
    }

    @Test
    void missingRequiredFields_shouldBeNamed() {
        List<ScheduleProblem> problems = problems("""
                periods:
                  - {name: day, days: [MON], start: "08:00", min: 3, max: 20}
                """);

        assertThat(problems).extracting(ScheduleProblem::path)
                .containsExactly("function", "qualifier", "timezone", "default", "periods[0].end");
    }

    @Test
    void duplicateKeys_shouldBeRefusedRatherThanSilentlyOverwritten() {
        List<ScheduleProblem> problems = problems("function: a\nfunction: b\n");

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("$");
            assertThat(p.message()).contains("Duplicate field 'function'", "line 2");
        });
    }

    @Test
    void malformedJson_shouldPointAtTheLine() {
        List<ScheduleProblem> problems = problems("{\"function\": \"orders\",\n \"qualifier\": }", ScheduleFormat.JSON);

        assertThat(problems).singleElement().satisfies(p -> assertThat(p.message()).startsWith("not valid JSON at line 2"));
    }

    @Test
    void functionAndSelectorTogether_shouldBeRefused() {
        List<ScheduleProblem> problems = problems("""
                function: orders
                selector: {tags: {team: a}}
                qualifier: "7"
                timezone: UTC
                default: {min: 3, max: 20}
                """);

        assertThat(problems).extracting(ScheduleProblem::path).containsExactly("$");
        assertThat(problems.get(0).message()).contains("either function or selector, not both");
    }

    @Test
    void formatDetection_shouldUseTheExtensionThenTheContent() {
        assertThat(ScheduleFormat.detect("a.json", "x")).isEqualTo(ScheduleFormat.JSON);
        assertThat(ScheduleFormat.detect("a.YML", "{")).isEqualTo(ScheduleFormat.YAML);
        assertThat(ScheduleFormat.detect("schedule", "  {\"a\":1}")).isEqualTo(ScheduleFormat.JSON);
        assertThat(ScheduleFormat.detect("schedule", "a: 1")).isEqualTo(ScheduleFormat.YAML);
    }
}

package io.lmi.controlplane.aws.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lmi.controlplane.core.schedule.CapacitySchedules;
import io.lmi.controlplane.core.schedule.ScheduleCompiler;
import io.lmi.controlplane.core.schedule.ScheduleFormat;
import io.lmi.controlplane.core.schedule.SchedulePolicy;
import io.lmi.controlplane.core.schedule.ShaperWakeUp;
import io.lmi.controlplane.core.schedule.ValidatedSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SchedulerDiffTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final SchedulerSettings SETTINGS = SchedulerSettings.of("lmi-capacity",
            "arn:aws:lambda:us-east-1:123456789012:function:lmi-shaper",
            "arn:aws:iam::123456789012:role/lmi-scheduler", null);

    private static final String BUSINESS_HOURS = """
            {"function": "orders-api", "qualifier": "7", "environment": "production", "timezone": "America/New_York",
             "default": {"min": 3, "max": 20},
             "periods": [{"name": "business-hours", "days": ["MON","TUE","WED","THU","FRI"], "start": "08:00",
                          "end": "18:00", "min": 10, "max": 100}],
             "exceptions": [{"date": "2026-12-25", "use": "default", "reason": "Christmas Day"}]}""";

    static ValidatedSchedule parse(String json) {
        return CapacitySchedules.parse(json, ScheduleFormat.JSON, SchedulePolicy.defaults(), NOW);
    }

    static List<SchedulerDefinition> desired(ValidatedSchedule schedule, SchedulerSettings settings) {
        return DesiredSchedules.of(schedule.schedule().target(), schedule.schedule().timezone(),
                ScheduleCompiler.compile(schedule, NOW), settings);
    }

    static Map<String, SchedulerDefinition> byName(List<SchedulerDefinition> definitions) {
        return definitions.stream().collect(Collectors.toMap(SchedulerDefinition::name, Function.identity(),
                (a, b) -> a, LinkedHashMap::new));
    }

    @Test
    void aFirstApplyCreatesEveryScheduleAndASecondChangesNothing() {
        List<SchedulerDefinition> desired = desired(parse(BUSINESS_HOURS), SETTINGS);

        SchedulerDiff first = SchedulerDiff.between(Map.of(), desired);
        SchedulerDiff second = SchedulerDiff.between(byName(desired), desired);

        assertThat(first.creates()).containsExactlyElementsOf(desired);
        assertThat(first.updates()).isEmpty();
        assertThat(first.deletes()).isEmpty();
        assertThat(second.isEmpty()).isTrue();
        assertThat(second.unchanged()).containsExactlyInAnyOrderElementsOf(desired.stream().map(SchedulerDefinition::name).toList());
        assertThat(second.summary()).isEqualTo("0 created, 0 updated, 0 deleted, " + desired.size() + " unchanged");
    }

    @Test
    void definitionsTargetTheShaperWithTheWakeUpAndTheScheduledTime() {
        ValidatedSchedule schedule = parse(BUSINESS_HOURS);
        List<SchedulerDefinition> desired = desired(schedule, SETTINGS);

        assertThat(desired).extracting(SchedulerDefinition::name).allSatisfy(name -> assertThat(name)
                .startsWith(DesiredSchedules.namePrefix(schedule.schedule().target())).matches("[0-9a-zA-Z._-]{1,64}"));
        SchedulerDefinition opening = desired.stream().filter(d -> d.name().endsWith("-w0800-MON-FRI")).findFirst()
                .orElseThrow();
        assertThat(opening.expression()).isEqualTo("cron(0 8 ? * MON-FRI *)");
        assertThat(opening.timezone()).isEqualTo("America/New_York");
        assertThat(opening.targetArn()).isEqualTo(SETTINGS.shaperArn());
        assertThat(opening.roleArn()).isEqualTo(SETTINGS.roleArn());
        assertThat(opening.deleteAfterCompletion()).isFalse();
        assertThat(opening.maximumEventAgeSeconds()).isEqualTo(3600);
        assertThat(opening.maximumRetryAttempts()).isEqualTo(SchedulerSettings.DEFAULT_MAXIMUM_RETRY_ATTEMPTS);
        assertThat(opening.scheduleKey()).contains("orders-api");
        ShaperWakeUp wakeUp = ShaperWakeUp.fromJson(opening.input());
        assertThat(wakeUp).isEqualTo(new ShaperWakeUp("orders-api", opening.name(), 10, 100));
        assertThat(opening.input()).contains("\"scheduledTime\":\"<aws.scheduler.scheduled-time>\"");

        // Christmas (a Friday) runs on the default, which is what the evening before already has: nothing changes
        // that day, so no one-off is compiled for it. A pre-warm needs two, each deleted once it has fired.
        assertThat(desired).noneMatch(SchedulerDefinition::oneOff);
        List<SchedulerDefinition> withPrewarm = desired(parse(BUSINESS_HOURS.replace(
                "\"exceptions\": [{\"date\": \"2026-12-25\", \"use\": \"default\", \"reason\": \"Christmas Day\"}]",
                "\"prewarms\": [{\"from\": \"2026-12-24T22:00\", \"until\": \"2026-12-25T02:00\", \"min\": 40, "
                        + "\"max\": 200, \"reason\": \"midnight sale\"}]")), SETTINGS);
        assertThat(withPrewarm).filteredOn(SchedulerDefinition::oneOff).hasSize(2)
                .allSatisfy(d -> assertThat(d.deleteAfterCompletion()).isTrue())
                .extracting(SchedulerDefinition::expression)
                .containsExactly("at(2026-12-24T22:00:00)", "at(2026-12-25T02:00:00)");
        assertThat(withPrewarm).filteredOn(d -> !d.oneOff()).noneMatch(SchedulerDefinition::deleteAfterCompletion);
        SchedulerDefinition drift = desired.get(desired.size() - 1);
        assertThat(drift.name()).endsWith("-drift-check");
        assertThat(drift.expression()).isEqualTo("rate(60 minutes)");
        assertThat(drift.input()).contains("\"transition\":\"drift-check\"").doesNotContain("expectedMin");
    }

    @Test
    void anUpdateChangesWhatMovedAndDeletesWhatIsNoLongerWanted() {
        List<SchedulerDefinition> before = desired(parse(BUSINESS_HOURS), SETTINGS);
        // Business hours now start at 07:00 and ask for more: the 08:00 schedule goes, a 07:00 one comes, and the
        // 18:00 one stays by name but sets other values (its Input changes).
        List<SchedulerDefinition> after = desired(parse(BUSINESS_HOURS.replace("\"08:00\"", "\"07:00\"")
                .replace("\"min\": 10, \"max\": 100", "\"min\": 12, \"max\": 120")), SETTINGS);

        SchedulerDiff diff = SchedulerDiff.between(byName(before), after);

        assertThat(diff.creates()).extracting(SchedulerDefinition::name).anyMatch(n -> n.endsWith("-w0700-MON-FRI"));
        assertThat(diff.deletes()).extracting(SchedulerDefinition::name).anyMatch(n -> n.endsWith("-w0800-MON-FRI"));
        assertThat(diff.deletes()).extracting(SchedulerDefinition::name).noneMatch(n -> n.endsWith("-w1800-MON-FRI"));
        assertThat(diff.resultingNames()).containsExactlyInAnyOrderElementsOf(
                after.stream().map(SchedulerDefinition::name).toList());
        assertThat(SchedulerDiff.between(byName(after), after).isEmpty()).isTrue();
    }

    @Test
    void aScheduleSomeoneDisabledOrLoosenedByHandIsPutRight() {
        List<SchedulerDefinition> desired = desired(parse(BUSINESS_HOURS), SETTINGS);
        SchedulerDefinition original = desired.get(0);
        SchedulerDefinition disabled = copy(original, false, null);
        SchedulerDefinition flexible = copy(original, true, 15);

        assertThat(SchedulerDiff.between(Map.of(disabled.name(), disabled), List.of(original)).updates())
                .containsExactly(new SchedulerDiff.Update(disabled, original));
        assertThat(SchedulerDiff.between(Map.of(flexible.name(), flexible), List.of(original)).updates()).hasSize(1);
    }

    @Test
    void inputFormattingIsNotAChange() {
        SchedulerDefinition compact = desired(parse(BUSINESS_HOURS), SETTINGS).get(0);
        SchedulerDefinition spaced = new SchedulerDefinition(compact.name(), compact.expression(), compact.timezone(),
                compact.description(), compact.input().replace(",", ", ").replace(":", ": "),
                compact.deleteAfterCompletion(), compact.targetArn(), compact.roleArn(), compact.maximumEventAgeSeconds(),
                compact.maximumRetryAttempts(), compact.deadLetterArn(), true, null);

        assertThat(spaced).isEqualTo(compact);
    }

    @Test
    void aDeadLetterQueueAndTheDriftCheckIntervalArePartOfTheDefinition() {
        ValidatedSchedule schedule = parse(BUSINESS_HOURS);
        SchedulerSettings withQueue = SchedulerSettings.of(SETTINGS.group(), SETTINGS.shaperArn(), SETTINGS.roleArn(),
                "arn:aws:sqs:us-east-1:123456789012:lmi-dlq").withDriftCheckInterval(Duration.ofMinutes(15));
        List<SchedulerDefinition> before = desired(schedule, SETTINGS);
        List<SchedulerDefinition> after = desired(schedule, withQueue);

        SchedulerDiff diff = SchedulerDiff.between(byName(before), after);

        assertThat(diff.updates()).hasSize(before.size());
        assertThat(after).allSatisfy(d -> assertThat(d.deadLetterArn()).endsWith(":lmi-dlq"));
        assertThat(after.get(after.size() - 1).expression()).isEqualTo("rate(15 minutes)");
        assertThat(desired(schedule, SETTINGS.withDriftCheckInterval(null)))
                .noneMatch(d -> d.name().endsWith("-drift-check"));
    }

    @Test
    void removingDeletesEverything() {
        List<SchedulerDefinition> existing = desired(parse(BUSINESS_HOURS), SETTINGS);

        SchedulerDiff diff = SchedulerDiff.deleteAll(byName(existing));

        assertThat(diff.deletes()).hasSameSizeAs(existing);
        assertThat(diff.resultingNames()).isEmpty();
    }

    @Test
    void twoDesiredSchedulesWithOneNameAreABug() {
        SchedulerDefinition one = desired(parse(BUSINESS_HOURS), SETTINGS).get(0);

        assertThatThrownBy(() -> SchedulerDiff.between(Map.of(), List.of(one, one)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(one.name());
    }

    private static SchedulerDefinition copy(SchedulerDefinition d, boolean enabled, Integer window) {
        return new SchedulerDefinition(d.name(), d.expression(), d.timezone(), d.description(), d.input(),
                d.deleteAfterCompletion(), d.targetArn(), d.roleArn(), d.maximumEventAgeSeconds(),
                d.maximumRetryAttempts(), d.deadLetterArn(), enabled, window);
    }
}

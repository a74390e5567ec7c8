package io.lmi.controlplane.aws.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.core.schedule.InvalidScheduleException;
import io.lmi.controlplane.core.schedule.ScheduleCompiler;
import io.lmi.controlplane.core.schedule.ValidatedSchedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Over seeded random schedules: going from any schedule's Scheduler schedules to any other's gives exactly the second
 * set, never touches a schedule that is already right, and applying the result again changes nothing.
 */
class SchedulerDiffProperties {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final String[] DAYS = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};
    private static final String[] ZONES = {"America/New_York", "Europe/Berlin", "UTC", "Asia/Tokyo"};
    private static final SchedulerSettings SETTINGS = SchedulerSettings.of("g",
            "arn:aws:lambda:us-east-1:123456789012:function:shaper", "arn:aws:iam::123456789012:role/r", null);

    @RepeatedTest(300)
    void anyScheduleToAnyOther(RepetitionInfo repetition) {
        Random random = new Random(7_000L + repetition.getCurrentRepetition());
        String zone = ZONES[random.nextInt(ZONES.length)];
        List<SchedulerDefinition> from = definitions(random, zone);
        List<SchedulerDefinition> to = definitions(random, zone);
        Map<String, SchedulerDefinition> existing = SchedulerDiffTest.byName(from);

        SchedulerDiff diff = SchedulerDiff.between(existing, to);

        Map<String, SchedulerDefinition> after = new LinkedHashMap<>(existing);
        diff.deletes().forEach(d -> after.remove(d.name()));
        diff.creates().forEach(d -> assertThat(after.put(d.name(), d)).as("created over an existing one").isNull());
        diff.updates().forEach(u -> {
            assertThat(u.previous()).isEqualTo(existing.get(u.desired().name())).isNotEqualTo(u.desired());
            after.put(u.desired().name(), u.desired());
        });
        assertThat(after).isEqualTo(SchedulerDiffTest.byName(to));
        assertThat(diff.unchanged()).allSatisfy(name -> assertThat(existing.get(name)).isEqualTo(after.get(name)));
        assertThat(diff.resultingNames()).containsExactlyInAnyOrderElementsOf(after.keySet());
        assertThat(SchedulerDiff.between(after, to).isEmpty()).isTrue();
    }

    /** A random valid non-production schedule of one function, compiled; retried until the validator accepts one. */
    private static List<SchedulerDefinition> definitions(Random random, String zone) {
        while (true) {
            StringBuilder json = new StringBuilder("{\"function\": \"fn-" + random.nextInt(3)
                    + "\", \"qualifier\": \"1\", \"environment\": \"non-production\", \"timezone\": \"" + zone
                    + "\", \"default\": {\"min\": " + (1 + random.nextInt(3)) + ", \"max\": 50}, \"periods\": [");
            int periods = random.nextInt(4);
            for (int i = 0; i < periods; i++) {
                Set<String> days = new HashSet<>();
                int dayCount = 1 + random.nextInt(7);
                while (days.size() < dayCount) {
                    days.add(DAYS[random.nextInt(7)]);
                }
                List<String> quoted = new ArrayList<>();
                days.forEach(d -> quoted.add("\"" + d + "\""));
                int start = 4 + random.nextInt(18);
                int end = start + 1 + random.nextInt(6);
                int min = 1 + random.nextInt(20);
                json.append(i == 0 ? "" : ", ").append("{\"name\": \"p").append(i).append("\", \"days\": ")
                        .append(quoted).append(", \"start\": \"").append(String.format("%02d:%02d", start, random.nextBoolean() ? 0 : 30))
                        .append("\", \"end\": \"").append(String.format("%02d:00", end % 24)).append("\", \"min\": ")
                        .append(min).append(", \"max\": ").append(min + random.nextInt(100)).append('}');
            }
            json.append("]}");
            try {
                ValidatedSchedule schedule = SchedulerDiffTest.parse(json.toString());
                return DesiredSchedules.of(schedule.schedule().target(), schedule.schedule().timezone(),
                        ScheduleCompiler.compile(schedule, NOW), SETTINGS);
            } catch (InvalidScheduleException e) {
                // A random draw can break a rule (a time in a daylight-saving gap, say): draw again.
            }
        }
    }
}

package io.lmi.controlplane.core.schedule;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/** Shared inputs: a fixed clock and short ways to write schedules in tests. */
final class TestSchedules {
    /** Monday 30 November 2026, 12:00 UTC: every dated entry in the tests lies after it. */
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private TestSchedules() {
    }

    /** A production schedule for function "orders" in {@code zone} with default 3/20 and the given YAML below it. */
    static String yaml(String zone, String body) {
        return "function: orders\nqualifier: \"7\"\nenvironment: production\ntimezone: " + zone
                + "\ndefault: {min: 3, max: 20}\n" + body;
    }

    static ValidatedSchedule parse(String yaml) {
        return CapacitySchedules.parse(yaml, ScheduleFormat.YAML, SchedulePolicy.defaults(), NOW);
    }

    static List<ScheduleProblem> problems(String text, ScheduleFormat format) {
        InvalidScheduleException[] thrown = new InvalidScheduleException[1];
        assertThatThrownBy(() -> CapacitySchedules.parse(text, format, SchedulePolicy.defaults(), NOW))
                .isInstanceOfSatisfying(InvalidScheduleException.class, e -> thrown[0] = e);
        return thrown[0].problems();
    }

    static List<ScheduleProblem> problems(String yaml) {
        return problems(yaml, ScheduleFormat.YAML);
    }

    static Instant local(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    static Path repositoryRoot() {
        String root = System.getProperty("lmi.repository.root");
        return root == null ? Path.of("../..").toAbsolutePath().normalize() : Path.of(root);
    }
}

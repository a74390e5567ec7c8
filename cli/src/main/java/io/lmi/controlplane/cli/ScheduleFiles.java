package io.lmi.controlplane.cli;

import io.lmi.controlplane.core.schedule.CapacitySchedules;
import io.lmi.controlplane.core.schedule.InvalidScheduleException;
import io.lmi.controlplane.core.schedule.SchedulePolicy;
import io.lmi.controlplane.core.schedule.ValidatedSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Reading --file and --from for the schedule subcommands; every problem becomes a usage error (exit 2). */
final class ScheduleFiles {
    private ScheduleFiles() {
    }

    static ValidatedSchedule load(CommandSpec spec, Path file, Instant now) {
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "--file " + file + ": no such file");
        }
        try {
            return CapacitySchedules.read(file, SchedulePolicy.defaults(), now);
        } catch (InvalidScheduleException e) {
            throw new ParameterException(spec.commandLine(), "--file " + file + ": the capacity schedule has "
                    + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems") + ":\n"
                    + e.problems().stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "--file " + file + ": no such file");
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--file " + file + ": cannot be read: " + e.getMessage());
        }
    }

    /**
     * An ISO instant or offset date-time (2026-12-01T08:00:00Z), a local date-time in the schedule's zone
     * (2026-12-01T08:00), or a date (the start of that day in the schedule's zone); {@code now} when absent.
     */
    static Instant from(CommandSpec spec, String text, ZoneId zone, Instant now) {
        if (text == null) {
            return now;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException notOffset) {
            try {
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            } catch (DateTimeException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay(zone).toInstant();
                } catch (DateTimeException notDate) {
                    throw new ParameterException(spec.commandLine(), "--from \"" + text + "\" is not an ISO date or "
                            + "time; use 2026-12-01, 2026-12-01T08:00 (in the schedule's time zone) or "
                            + "2026-12-01T08:00:00Z");
                }
            }
        }
    }

    static void checkDays(CommandSpec spec, int days, int max) {
        if (days < 1 || days > max) {
            throw new ParameterException(spec.commandLine(), "--days must be between 1 and " + max + ", got " + days);
        }
    }
}

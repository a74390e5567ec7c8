package io.lmi.controlplane.core.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading a schedule from a file, text or an event's JSON: decoding and every guardrail in one pass, so the caller
 * gets either a {@link ValidatedSchedule} or an {@link InvalidScheduleException} listing every problem.
 */
public final class CapacitySchedules {
    private CapacitySchedules() {
    }

    public static ValidatedSchedule read(Path file, SchedulePolicy policy, Instant now) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return parse(text, ScheduleFormat.detect(file.getFileName().toString(), text), policy, now, null);
    }

    public static ValidatedSchedule parse(String text, ScheduleFormat format, SchedulePolicy policy, Instant now) {
        return parse(text, format, policy, now, null);
    }

    public static ValidatedSchedule parse(String text, ScheduleFormat format, SchedulePolicy policy, Instant now,
                                          ManagedInstancesCheck managedInstances) {
        return parse(ScheduleReader.readTree(text, format), policy, now, managedInstances);
    }

    /** For a schedule carried in an event (CapacityScheduleRequested) or read back from the ledger. */
    public static ValidatedSchedule parse(JsonNode tree, SchedulePolicy policy, Instant now,
                                          ManagedInstancesCheck managedInstances) {
        List<ScheduleProblem> problems = new ArrayList<>();
        ScheduleDraft draft = ScheduleDecoder.decode(tree, problems);
        problems.addAll(new ScheduleValidator(policy).check(draft, now, managedInstances));
        if (!problems.isEmpty()) {
            throw new InvalidScheduleException(problems);
        }
        return new ValidatedSchedule(draft.toSchedule(), policy);
    }
}

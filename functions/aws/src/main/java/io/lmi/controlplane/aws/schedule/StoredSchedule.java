package io.lmi.controlplane.aws.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A capacity schedule as the ledger keeps it (item {@code SCHEDULE#<key>}): the file as admitted, when it was
 * validated, who applied it, the Scheduler schedules that wake the shaper for it, and each version it governs with
 * what it last set there. One per function, or per tag selector; the key is the function's name or the selector.
 *
 * @param schedule    the schedule in its file form ({@code ScheduleJson}); re-read and re-checked at every wake-up
 * @param validatedAt when the schedule in {@code schedule} last passed every guardrail; reading it back checks it as of
 *                    then, and it is then pruned and checked again as of now
 * @param governed    by function name; bounded by the functions the schedule governs
 */
public record StoredSchedule(String key, String functionName, JsonNode schedule, Instant validatedAt,
                             Instant appliedAt, String appliedBy, String requestId, List<String> schedulerSchedules,
                             Map<String, GovernedVersion> governed, Instant updatedAt) {
    public StoredSchedule {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(validatedAt, "validatedAt");
        schedulerSchedules = schedulerSchedules == null ? List.of() : List.copyOf(schedulerSchedules);
        governed = governed == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(governed));
    }

    public String qualifier() {
        return schedule.path("qualifier").asText();
    }

    public StoredSchedule withGoverned(Map<String, GovernedVersion> newGoverned, Instant at) {
        return new StoredSchedule(key, functionName, schedule, validatedAt, appliedAt, appliedBy, requestId,
                schedulerSchedules, newGoverned, at);
    }

    public StoredSchedule withSchedule(JsonNode newSchedule, Instant newValidatedAt, Instant at) {
        return new StoredSchedule(key, functionName, newSchedule, newValidatedAt, appliedAt, appliedBy, requestId,
                schedulerSchedules, governed, at);
    }
}

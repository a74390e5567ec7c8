package io.lmi.controlplane.aws.schedule;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one CapacityScheduleRequested event ({@code SCHEDULE_REQUEST#<requestId>}): what was asked, by whom,
 * and what came of it. {@code ./lmi schedule apply|remove} waits for this record. A redelivered event with the same
 * request id finds it and is not acted on twice, unless it {@link Status#FAILED} (then it is tried again).
 */
public record ScheduleRequestRecord(String requestId, String action, String schedule, String function, Status status,
                                    String requestedBy, Instant receivedAt, Instant finishedAt, String message,
                                    List<Problem> problems, List<String> schedulerSchedules, String schedulerChanges,
                                    List<VersionCapacity> capacity, String undo) {

    public enum Status {
        /** The schedule is stored, its Scheduler schedules exist, and the versions have what the calendar says now. */
        APPLIED,
        /** The schedule's Scheduler schedules are gone and the default is back. */
        REMOVED,
        /** The request broke a rule; nothing was changed. */
        REFUSED,
        /** An AWS call failed part-way; what had been changed was undone (see undo). A redelivery tries again. */
        FAILED
    }

    /** A field of the request and what is wrong with it (the core's ScheduleProblem). */
    public record Problem(String path, String message) {
    }

    /** A version and the scaling config it was left with. */
    public record VersionCapacity(String function, String qualifier, Scaling scaling, String reason) {
    }

    public ScheduleRequestRecord {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(status, "status");
        problems = problems == null ? List.of() : List.copyOf(problems);
        schedulerSchedules = schedulerSchedules == null ? List.of() : List.copyOf(schedulerSchedules);
        capacity = capacity == null ? List.of() : List.copyOf(capacity);
    }

    /** A final outcome is never acted on again for the same request id. */
    @JsonIgnore
    public boolean isFinal() {
        return status != Status.FAILED;
    }
}

package io.lmi.controlplane.aws.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * One change the control plane made (or refused to make) to a version's scaling config because of a schedule: who,
 * when, from what to what, and why. Kept in the ledger under the schedule ({@code SCHEDULE#<key>} /
 * {@code CHANGE#<at>}) and findable by function; it is also the detail of the CapacityChanged event.
 *
 * @param from     the requested config before (null when it could not be read: the version was gone)
 * @param expected the min/max the waking transition sets on an ordinary day, when the calendar said otherwise
 *                 (an exception date or a pre-warm); null otherwise
 */
public record ScheduleChange(Instant at, String schedule, String function, String qualifier, Scaling from, Scaling to,
                             Outcome outcome, Cause cause, String by, String transition, String requestId, String reason,
                             Scaling expected, String note) {

    /** What happened to the scaling config. */
    public enum Outcome {
        /** PutFunctionScalingConfig was called. */
        CHANGED,
        /** The stored schedule no longer passes the guardrails: nothing was set (see note). */
        HELD,
        /**
         * A version the schedule let go of had been changed since the schedule last set it (a rollout's version
         * policy deactivating the superseded version, or a hand): it was left as it is rather than given the default,
         * which would undo that change (see note).
         */
        LEFT,
        /**
         * The governed function or version no longer exists: nothing was set. For a function's own schedule whose
         * function is gone, the schedule and its Scheduler schedules were deleted too (see note).
         */
        ORPHANED
    }

    /** Why the control plane touched the version. */
    public enum Cause {
        /** A schedule was applied: the version gets what the calendar says now. */
        APPLY,
        /** A Scheduler schedule fired at a transition. */
        TRANSITION,
        /** The periodic drift check found the config differed and restored it. */
        DRIFT_CHECK,
        /** A rollout moved the schedule to a new version. */
        FOLLOW_VERSION,
        /** The schedule no longer governs the version (another qualifier, or the function left the selector). */
        RELEASE,
        /** The schedule was removed: the default is back. */
        REMOVE
    }

    public ScheduleChange {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(by, "by");
    }
}

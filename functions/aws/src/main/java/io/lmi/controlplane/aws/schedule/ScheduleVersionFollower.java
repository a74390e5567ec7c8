package io.lmi.controlplane.aws.schedule;

import io.lmi.controlplane.core.schedule.CapacityCalendar;
import io.lmi.controlplane.core.schedule.CapacitySchedule;
import io.lmi.controlplane.core.schedule.EffectiveCapacity;
import io.lmi.controlplane.core.schedule.InvalidScheduleException;
import io.lmi.controlplane.core.schedule.ScheduleJson;
import io.lmi.controlplane.core.schedule.ScheduleProblem;
import io.lmi.controlplane.core.schedule.ScheduleTarget;
import io.lmi.controlplane.core.schedule.ScheduleValidator;
import io.lmi.controlplane.core.schedule.ValidatedSchedule;
import io.lmi.controlplane.core.validation.FieldError;
import io.lmi.controlplane.core.validation.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Moves a function's capacity schedule to the version a rollout has just made current, so that the schedule follows
 * the function: the new version gets what the calendar says now, the old one gets Lambda's default back unless it was
 * changed since the schedule set it ({@link Reconciler#release}), and the stored schedule names the new qualifier. No Scheduler schedule changes: their names and inputs do not
 * contain the version (docs/capacity-schedules.md, "Design choice").
 *
 * <p>For the rollout workflow: call {@link #follow} once the function's traffic is on the new version (after the
 * promotion), not when it starts. A migration has nothing to move: schedules are applied only to LMI functions, so
 * to the LMI copy once the migration is done. It needs only what those steps already have: the ledger, the bus,
 * and lambda:GetFunctionConfiguration, Get/PutFunctionScalingConfig on the function. A function with no schedule, or
 * one whose schedule is for {@code $LATEST.PUBLISHED} being republished, needs nothing ({@link Result#status()} says).
 * The same is offered as a Lambda task: FollowScheduleVersionHandler in functions/schedule.
 */
public final class ScheduleVersionFollower {
    /** How long a move waits for a change of the same schedule in progress (a transition, an apply). */
    public static final Duration LOCK_WAIT = Duration.ofSeconds(30);
    private static final Duration LOCK_POLL = Duration.ofMillis(250);

    public enum Status {
        /** The schedule now governs the new version. */
        FOLLOWED,
        /** The schedule already governed that version; its capacity was reconciled. */
        ALREADY_THERE,
        /** The function has no capacity schedule of its own: nothing to move. */
        NOT_SCHEDULED
    }

    /** What the move did. */
    public record Result(Status status, String function, String fromQualifier, String toQualifier, Scaling capacity,
                         String message) {
    }

    private final ScheduleAdapters adapters;

    public ScheduleVersionFollower(ScheduleAdapters adapters) {
        this.adapters = adapters;
    }

    /**
     * @param function     the function's name (or unqualified ARN) whose traffic moved
     * @param newQualifier the version it runs now (a version number, or $LATEST.PUBLISHED)
     * @param requestedBy  who moved it, for the change records (e.g. "rollout rol-123")
     * @throws InvalidRequestException when the new version is not a version of an LMI function, or the schedule does
     *         not pass the guardrails for it; nothing was changed
     * @throws ScheduleBusyException when another change of the schedule kept it busy for {@link #LOCK_WAIT}
     * @throws ScheduleChangeFailedException when an AWS call failed and the changes were undone
     */
    public Result follow(String function, String newQualifier, String requestedBy) {
        String name = new ScheduleTarget.FunctionTarget(function).functionName();
        Instant received = adapters.clock().instant();
        if (adapters.ledger().find(name).isEmpty()) {
            return new Result(Status.NOT_SCHEDULED, name, null, newQualifier, null, name
                    + " has no capacity schedule of its own; nothing to move");
        }
        String requestId = "follow-" + UUID.randomUUID();
        String holder = "follow:" + requestId;
        acquire(name, holder);
        Undo undo = new Undo();
        Outbox outbox = new Outbox();
        StoredSchedule moved;
        String fromQualifier;
        Reconciler.Release released = null;
        try {
            Instant now = adapters.clock().instant();
            ScheduleLedger.Versioned versioned = adapters.ledger().find(name).orElseThrow(() ->
                    new IllegalStateException("the schedule of " + name + " was removed meanwhile"));
            StoredSchedule stored = versioned.schedule();
            fromQualifier = stored.qualifier();
            ValidatedSchedule validated = admit(stored, name, newQualifier, now);
            EffectiveCapacity capacity = CapacityCalendar.of(validated).at(now);
            Scaling wanted = Scaling.of(capacity.limits());
            Reconciler reconciler = adapters.reconciler();
            GovernedVersion previous = stored.governed().get(name);
            Optional<GovernedVersion> now0 = reconciler.set(name, newQualifier, wanted, previous,
                    new Reconciler.Context(name, ScheduleChange.Cause.FOLLOW_VERSION, requestedBy, null, requestId,
                            Governance.reason(capacity), null), outbox, undo);
            GovernedVersion governed = now0.orElseThrow(() -> new IllegalStateException(
                    name + ":" + newQualifier + " disappeared while the schedule was moved to it"));
            if (previous != null && !previous.qualifier().equals(newQualifier)) {
                released = reconciler.release(previous, new Reconciler.Context(name, ScheduleChange.Cause.RELEASE,
                        requestedBy, null, requestId, "the schedule moved to " + newQualifier
                        + ": Lambda's default unless changed since the schedule set it", null), outbox, undo);
            }
            moved = new StoredSchedule(name, name, ScheduleJson.toTree(validated.schedule()), now, stored.appliedAt(),
                    stored.appliedBy(), stored.requestId(), stored.schedulerSchedules(), Map.of(name, governed), now);
            adapters.ledger().save(moved, versioned.version());
        } catch (InvalidRequestException e) {
            throw e;
        } catch (RuntimeException e) {
            Undo.Report report = undo.run();
            throw new ScheduleChangeFailedException("moving the capacity schedule of " + name + " to " + newQualifier
                    + " failed: " + e.getMessage() + "; " + report.describe(), e);
        } finally {
            adapters.ledger().unlock(name, holder);
        }
        outbox.commit(adapters.ledger(), adapters.events());
        GovernedVersion governed = moved.governed().get(name);
        boolean same = fromQualifier.equals(newQualifier);
        String message = same ? "the schedule already governs " + name + ":" + newQualifier + "; it has "
                + governed.lastSet() : "the schedule moved from " + name + ":" + fromQualifier + " to " + name + ":"
                + newQualifier + " (now " + governed.lastSet() + "); " + fromQualifier + released(released);
        ScheduleRequestRecord record = new ScheduleRequestRecord(requestId, "follow", name, name,
                ScheduleRequestRecord.Status.APPLIED, requestedBy, received, adapters.clock().instant(), message,
                List.of(), moved.schedulerSchedules(), "0 created, 0 updated, 0 deleted (names do not contain the "
                + "version)", List.of(new ScheduleRequestRecord.VersionCapacity(name, newQualifier, governed.lastSet(),
                null)), null);
        adapters.ledger().recordRequest(record);
        adapters.events().outcome(record);
        return new Result(same ? Status.ALREADY_THERE : Status.FOLLOWED, name, fromQualifier, newQualifier,
                governed.lastSet(), message);
    }

    private static String released(Reconciler.Release release) {
        if (release == null) {
            return " was not governed";
        }
        return switch (release) {
            case RELEASED -> " has Lambda's default back";
            case LEFT -> " was changed since the schedule set it (e.g. deactivated by the rollout), so it was left as "
                    + "it is";
            case GONE -> " no longer exists";
        };
    }

    /** The stored schedule, pruned, for the new version: every guardrail and the LMI and version checks. */
    private ValidatedSchedule admit(StoredSchedule stored, String name, String newQualifier, Instant now) {
        List<ScheduleProblem> problems = new ArrayList<>();
        LambdaManagedInstancesCheck check = adapters.managedInstancesCheck();
        check.problemWith(name, newQualifier).ifPresent(why -> problems.add(new ScheduleProblem("function", why)));
        if (problems.isEmpty()) {
            check.versionProblem(name, newQualifier).ifPresent(why -> problems.add(new ScheduleProblem("qualifier", why)));
        }
        ValidatedSchedule validated = null;
        try {
            CapacitySchedule current = StoredSchedules.read(stored, adapters.policy(), now).validated().schedule();
            validated = new ScheduleValidator(adapters.policy()).validate(current.withQualifier(newQualifier), now);
        } catch (InvalidScheduleException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("moving the capacity schedule of " + name + " to " + newQualifier,
                    problems.stream().map(p -> new FieldError(p.path(), p.message(), "the schedule stays on "
                            + stored.qualifier() + "; fix the version or apply a corrected schedule")).toList());
        }
        return validated;
    }

    private void acquire(String key, String holder) {
        Instant deadline = adapters.clock().instant().plus(LOCK_WAIT);
        while (!adapters.ledger().lock(key, holder)) {
            if (!adapters.clock().instant().isBefore(deadline)) {
                throw new ScheduleBusyException("the capacity schedule of " + key + " is being changed ("
                        + adapters.ledger().lockHolder(key).orElse("released meanwhile") + "); try again shortly");
            }
            try {
                Thread.sleep(LOCK_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScheduleBusyException("interrupted while waiting for the schedule of " + key);
            }
        }
    }
}

package io.lmi.controlplane.aws.schedule;

import io.lmi.controlplane.core.schedule.CapacityCalendar;
import io.lmi.controlplane.core.schedule.CapacitySchedule;
import io.lmi.controlplane.core.schedule.CapacitySchedules;
import io.lmi.controlplane.core.schedule.EffectiveCapacity;
import io.lmi.controlplane.core.schedule.InvalidScheduleException;
import io.lmi.controlplane.core.schedule.ScheduleJson;
import io.lmi.controlplane.core.schedule.ScheduleProblem;
import io.lmi.controlplane.core.schedule.ScheduleTarget;
import io.lmi.controlplane.core.schedule.ValidatedSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What runs when an EventBridge Scheduler schedule fires: load the stored schedule, prune the dated entries that are
 * over, check every guardrail again, and give each governed version what {@link CapacityCalendar#at} says now
 * (Min and Max together), reporting drift on the way. Idempotent: it sets what the calendar says, whatever woke it,
 * so a late, repeated or early wake-up does no harm.
 *
 * <p>One shaper at a time per schedule (the schedule's lock), so two wake-ups in the same minute (a transition and
 * the drift check) cannot mistake each other's change for drift. While a request or a version move holds the lock,
 * the shaper does nothing: that change reconciles the capacity itself.
 */
public final class CapacityShaper {
    /**
     * How long a wake-up waits for another shaper of the same schedule to finish: 20 s, many times what one run takes
     * (a read and a Put per version) and well inside the function's 120 s timeout.
     */
    public static final Duration LOCK_WAIT = Duration.ofSeconds(20);
    private static final Duration LOCK_POLL = Duration.ofMillis(250);
    static final String BY = "shaper";

    /** What one wake-up did. */
    public enum Status {
        /** The governed versions have what the calendar says (changes, if any, are listed). */
        SHAPED,
        /** A request or version move was changing the schedule; it reconciles the capacity itself. */
        SKIPPED,
        /** The stored schedule no longer passes the guardrails; nothing was set, a HELD change was recorded. */
        HELD,
        /** No stored schedule: the Scheduler schedules that still woke the shaper for it were deleted. */
        ORPHAN_CLEANED
    }

    public record Outcome(Status status, String schedule, String message, List<ScheduleChange> changes,
                          List<DriftReport> drifts) {
        public Outcome {
            changes = List.copyOf(changes);
            drifts = List.copyOf(drifts);
        }
    }

    private final ScheduleAdapters adapters;

    public CapacityShaper(ScheduleAdapters adapters) {
        this.adapters = adapters;
    }

    public Outcome shape(ShaperInput wakeUp) {
        String key = wakeUp.schedule();
        String holder = BY + ":" + UUID.randomUUID();
        Optional<String> blocker = acquire(key, holder);
        if (blocker.isPresent()) {
            return new Outcome(Status.SKIPPED, key, "not shaped: " + blocker.get() + " is changing the schedule and "
                    + "reconciles the capacity itself", List.of(), List.of());
        }
        try {
            Optional<ScheduleLedger.Versioned> found = adapters.ledger().find(key);
            if (found.isEmpty()) {
                return cleanUpOrphans(key, wakeUp);
            }
            return shape(found.get(), wakeUp);
        } finally {
            adapters.ledger().unlock(key, holder);
        }
    }

    /** Empty when the lock is ours; otherwise who holds it (another shaper is waited for, a request is not). */
    private Optional<String> acquire(String key, String holder) {
        Instant deadline = adapters.clock().instant().plus(LOCK_WAIT);
        while (true) {
            if (adapters.ledger().lock(key, holder)) {
                return Optional.empty();
            }
            Optional<String> current = adapters.ledger().lockHolder(key);
            if (current.isPresent() && (!current.get().startsWith(BY + ":")
                    || !adapters.clock().instant().isBefore(deadline))) {
                return current;
            }
            try {
                Thread.sleep(LOCK_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("an interrupted wait");
            }
        }
    }

    private Outcome shape(ScheduleLedger.Versioned versioned, ShaperInput wakeUp) {
        StoredSchedule stored = versioned.schedule();
        Instant now = adapters.clock().instant();
        StoredSchedules.Current current;
        try {
            current = StoredSchedules.read(stored, adapters.policy(), now);
        } catch (InvalidScheduleException e) {
            return hold(stored, wakeUp, e.problems(), now);
        }
        ValidatedSchedule validated = current.validated();
        CapacitySchedule schedule = validated.schedule();
        EffectiveCapacity capacity = CapacityCalendar.of(validated).at(wakeUp.evaluationTime(now));
        Scaling wanted = Scaling.of(capacity.limits());
        Outbox outbox = new Outbox();
        Reconciler reconciler = adapters.reconciler();
        Reconciler.Context context = new Reconciler.Context(stored.key(), wakeUp.isDriftCheck()
                ? ScheduleChange.Cause.DRIFT_CHECK : ScheduleChange.Cause.TRANSITION, BY, wakeUp.transition(), null,
                Governance.reason(capacity), expected(wakeUp));
        Map<String, GovernedVersion> governed = new TreeMap<>();
        for (String function : Governance.functions(schedule.target(), schedule.qualifier(), adapters)) {
            reconciler.set(function, schedule.qualifier(), wanted, stored.governed().get(function), context, outbox,
                    null).ifPresent(v -> governed.put(function, v));
        }
        Reconciler.Context releasing = new Reconciler.Context(stored.key(), ScheduleChange.Cause.RELEASE, BY,
                wakeUp.transition(), null, "no longer matched by the selector: Lambda's default", null);
        for (GovernedVersion old : stored.governed().values()) {
            if (!governed.containsKey(old.function()) && schedule.target() instanceof ScheduleTarget.TagSelector) {
                reconciler.release(old, releasing, outbox, null);
            }
        }
        StoredSchedule updated = stored;
        if (!governed.equals(stored.governed())) {
            updated = updated.withGoverned(governed, now);
        }
        if (current.pruned()) {
            updated = updated.withSchedule(ScheduleJson.toTree(schedule), now, now);
        }
        if (updated != stored) {
            adapters.ledger().save(updated, versioned.version());
        }
        List<ScheduleChange> changes = outbox.changes();
        List<DriftReport> drifts = outbox.drifts();
        outbox.commit(adapters.ledger(), adapters.events());
        return new Outcome(Status.SHAPED, stored.key(), "calendar at " + wakeUp.evaluationTime(now) + " says "
                + wanted + " (" + Governance.reason(capacity) + "); " + (changes.isEmpty() ? "no change needed"
                : changes.size() + " version(s) changed") + (drifts.isEmpty() ? "" : "; drift on "
                + drifts.stream().map(d -> d.function() + ":" + d.qualifier()).collect(Collectors.joining(", "))),
                changes, drifts);
    }

    /** The schedule no longer passes: record and announce a HELD change per version, set nothing. */
    private Outcome hold(StoredSchedule stored, ShaperInput wakeUp, List<ScheduleProblem> problems, Instant now) {
        Optional<Scaling> wouldSet = wouldSet(stored, wakeUp, now);
        String why = "not set: the stored schedule no longer passes the guardrails (" + problems.stream()
                .map(ScheduleProblem::toString).collect(Collectors.joining("; ")) + "); apply a corrected schedule or "
                + "remove it";
        List<ScheduleChange> held = new ArrayList<>();
        VersionScaling scaling = new VersionScaling(adapters.functions());
        for (GovernedVersion version : stored.governed().values()) {
            Optional<VersionScaling.Current> current = scaling.read(version.function(), version.qualifier());
            if (current.isEmpty()) {
                continue;
            }
            Scaling keep = current.get().requested();
            ScheduleChange change = new ScheduleChange(now, stored.key(), version.function(), version.qualifier(), keep,
                    keep, ScheduleChange.Outcome.HELD, wakeUp.isDriftCheck() ? ScheduleChange.Cause.DRIFT_CHECK
                    : ScheduleChange.Cause.TRANSITION, BY, wakeUp.transition(), null, null,
                    wouldSet.orElse(null), why);
            adapters.ledger().recordChange(change);
            adapters.events().changed(change);
            held.add(change);
        }
        return new Outcome(Status.HELD, stored.key(), why, held, List.of());
    }

    /** What the schedule as admitted would set now, for the HELD record; empty when even that no longer reads. */
    private Optional<Scaling> wouldSet(StoredSchedule stored, ShaperInput wakeUp, Instant now) {
        try {
            ValidatedSchedule admitted = CapacitySchedules.parse(stored.schedule(), adapters.policy(),
                    stored.validatedAt(), null);
            return Optional.of(Scaling.of(CapacityCalendar.of(admitted).at(wakeUp.evaluationTime(now)).limits()));
        } catch (InvalidScheduleException e) {
            return Optional.empty();
        }
    }

    /** Nothing stored for the key, and nobody is applying it: delete what still wakes the shaper for it. */
    private Outcome cleanUpOrphans(String key, ShaperInput wakeUp) {
        SchedulerGroup group = adapters.requireScheduler();
        List<String> deleted = new ArrayList<>();
        Optional<ScheduleTarget> target = Governance.targetOf(key);
        if (target.isPresent()) {
            group.schedulesOf(target.get()).keySet().forEach(name -> {
                if (group.delete(name)) {
                    deleted.add(name);
                }
            });
        } else if (!wakeUp.isDriftCheck() && group.definition(wakeUp.transition())
                .flatMap(SchedulerDefinition::scheduleKey).filter(key::equals).isPresent() && group.delete(wakeUp.transition())) {
            deleted.add(wakeUp.transition());
        }
        return new Outcome(Status.ORPHAN_CLEANED, key, "no capacity schedule " + key + " is stored; deleted the "
                + "Scheduler schedules that still woke the shaper for it: " + (deleted.isEmpty() ? "none found"
                : String.join(", ", deleted)), List.of(), List.of());
    }

    private static Scaling expected(ShaperInput wakeUp) {
        if (wakeUp.expectedMin() == null || wakeUp.expectedMax() == null) {
            return null;
        }
        try {
            return new Scaling(wakeUp.expectedMin(), wakeUp.expectedMax());
        } catch (IllegalArgumentException e) {
            // Not a pair the compiler writes; the expectation is only informative, so it is dropped.
            return null;
        }
    }
}

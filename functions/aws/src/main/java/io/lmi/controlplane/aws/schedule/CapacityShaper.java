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
import java.util.Collection;
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
        ORPHAN_CLEANED,
        /**
         * The function the schedule governs is gone: the stored schedule and its Scheduler schedules were deleted
         * and an ORPHANED change recorded; or (status SHAPED) its version is gone, which an ORPHANED change records.
         */
        ORPHANED
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
        if (schedule.target() instanceof ScheduleTarget.FunctionTarget function
                && adapters.functions().configuration(function.functionName()).isEmpty()) {
            return functionGone(versioned, function, wakeUp, now);
        }
        EffectiveCapacity capacity = CapacityCalendar.of(validated).at(wakeUp.evaluationTime(now));
        Scaling wanted = Scaling.of(capacity.limits());
        Outbox outbox = new Outbox();
        Reconciler reconciler = adapters.reconciler();
        Reconciler.Context context = new Reconciler.Context(stored.key(), wakeUp.isDriftCheck()
                ? ScheduleChange.Cause.DRIFT_CHECK : ScheduleChange.Cause.TRANSITION, BY, wakeUp.transition(), null,
                Governance.reason(capacity), expected(wakeUp));
        Map<String, GovernedVersion> governed = new TreeMap<>();
        try {
            for (String function : Governance.functions(schedule.target(), schedule.qualifier(), adapters)) {
                Optional<GovernedVersion> set = reconciler.set(function, schedule.qualifier(), wanted,
                        stored.governed().get(function), context, outbox, null);
                set.ifPresent(v -> governed.put(function, v));
                if (set.isEmpty() && schedule.target() instanceof ScheduleTarget.FunctionTarget
                        && stored.governed().containsKey(function)) {
                    outbox.change(versionGone(stored, stored.governed().get(function), wakeUp, now));
                }
            }
            Reconciler.Context releasing = new Reconciler.Context(stored.key(), ScheduleChange.Cause.RELEASE, BY,
                    wakeUp.transition(), null, "no longer matched by the selector: Lambda's default", null);
            for (GovernedVersion old : stored.governed().values()) {
                if (!governed.containsKey(old.function()) && schedule.target() instanceof ScheduleTarget.TagSelector) {
                    reconciler.release(old, releasing, outbox, null);
                }
            }
        } catch (RuntimeException e) {
            keepProgress(versioned, governed, outbox, now, e);
            throw e;
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
                + wanted + " (" + Governance.reason(capacity) + "); " + describe(changes) + (drifts.isEmpty() ? "" : "; drift on "
                + drifts.stream().map(d -> d.function() + ":" + d.qualifier()).collect(Collectors.joining(", "))),
                changes, drifts);
    }

    private static String describe(List<ScheduleChange> changes) {
        long changed = changes.stream().filter(c -> c.outcome() == ScheduleChange.Outcome.CHANGED).count();
        String gone = changes.stream().filter(c -> c.outcome() == ScheduleChange.Outcome.ORPHANED)
                .map(c -> c.function() + ":" + c.qualifier()).collect(Collectors.joining(", "));
        return (changed == 0 ? "no change needed" : changed + " version(s) changed")
                + (gone.isEmpty() ? "" : "; gone, nothing set: " + gone);
    }

    /**
     * A call failed part-way through the versions (a throttle on the second function of a selector, say): the
     * versions set before it keep their change records and what the schedule set there, so that they do not later
     * look like drift; the failure still propagates, for Scheduler's retry. Nothing is undone: every version gets
     * what the calendar says, and the retry sets the rest.
     */
    private void keepProgress(ScheduleLedger.Versioned versioned, Map<String, GovernedVersion> reached, Outbox outbox,
                              Instant now, RuntimeException failure) {
        StoredSchedule stored = versioned.schedule();
        Map<String, GovernedVersion> progress = new TreeMap<>(stored.governed());
        progress.putAll(reached);
        try {
            if (!progress.equals(stored.governed())) {
                adapters.ledger().save(stored.withGoverned(progress, now), versioned.version());
            }
            outbox.commit(adapters.ledger(), adapters.events());
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** The governed function is gone: delete the schedule and its Scheduler schedules, record and announce it. */
    private Outcome functionGone(ScheduleLedger.Versioned versioned, ScheduleTarget.FunctionTarget function,
                                 ShaperInput wakeUp, Instant now) {
        StoredSchedule stored = versioned.schedule();
        List<String> deleted = new ScheduleRemover(adapters).removeOrphaned(function, versioned);
        String why = "the function " + function.functionName() + " no longer exists: its capacity schedule and its "
                + deleted.size() + " Scheduler schedules were deleted (" + String.join(", ", deleted) + ")";
        List<ScheduleChange> orphaned = new ArrayList<>();
        Collection<GovernedVersion> versions = stored.governed().isEmpty()
                ? List.of(new GovernedVersion(function.functionName(), stored.qualifier(), Scaling.LMI_DEFAULT, now,
                BY)) : stored.governed().values();
        for (GovernedVersion version : versions) {
            ScheduleChange change = new ScheduleChange(now, stored.key(), version.function(), version.qualifier(),
                    null, version.lastSet(), ScheduleChange.Outcome.ORPHANED, cause(wakeUp), BY, wakeUp.transition(),
                    null, null, null, why);
            adapters.ledger().recordChange(change);
            adapters.events().changed(change);
            orphaned.add(change);
        }
        return new Outcome(Status.ORPHANED, stored.key(), why, orphaned, List.of());
    }

    /** The governed version is gone (deleted by hand or by a version policy) while the function stays. */
    private static ScheduleChange versionGone(StoredSchedule stored, GovernedVersion last, ShaperInput wakeUp,
                                              Instant now) {
        return new ScheduleChange(now, stored.key(), last.function(), last.qualifier(), null, last.lastSet(),
                ScheduleChange.Outcome.ORPHANED, cause(wakeUp), BY, wakeUp.transition(), null, null, null,
                last.function() + ":" + last.qualifier() + " no longer exists, so the schedule sets nothing: apply "
                        + "it to an existing version (a rollout moves it for you), or remove it");
    }

    private static ScheduleChange.Cause cause(ShaperInput wakeUp) {
        return wakeUp.isDriftCheck() ? ScheduleChange.Cause.DRIFT_CHECK : ScheduleChange.Cause.TRANSITION;
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

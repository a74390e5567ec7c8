package io.lmi.controlplane.aws.schedule;

import io.lmi.controlplane.core.schedule.CapacityCalendar;
import io.lmi.controlplane.core.schedule.CapacitySchedule;
import io.lmi.controlplane.core.schedule.CapacitySchedules;
import io.lmi.controlplane.core.schedule.EffectiveCapacity;
import io.lmi.controlplane.core.schedule.InvalidScheduleException;
import io.lmi.controlplane.core.schedule.ScheduleCompiler;
import io.lmi.controlplane.core.schedule.ScheduleJson;
import io.lmi.controlplane.core.schedule.ScheduleProblem;
import io.lmi.controlplane.core.schedule.ScheduleTarget;
import io.lmi.controlplane.core.schedule.ScheduleValidator;
import io.lmi.controlplane.core.schedule.ValidatedSchedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Applies a schedule (a CapacityScheduleRequested event or {@code ./lmi schedule apply}): every guardrail first, then
 * the stored schedule's Scheduler schedules are made to match (a diff: a second apply changes nothing, an update
 * deletes the stale ones), the governed versions get what the calendar says now, and the ledger gets the schedule.
 *
 * <p>No partial change: a refused request changes nothing (and is recorded as REFUSED); if an AWS call fails
 * part-way, every change made so far is undone and the request is recorded as FAILED with what the undo did.
 */
public final class ScheduleApplier {
    private final ScheduleAdapters adapters;
    private final RequestOutcomes outcomes;

    public ScheduleApplier(ScheduleAdapters adapters) {
        this.adapters = adapters;
        this.outcomes = new RequestOutcomes(adapters.ledger(), adapters.events());
    }

    /**
     * @return the APPLIED record (also on the bus as CapacityScheduleApplied)
     * @throws io.lmi.controlplane.core.validation.InvalidRequestException naming every offending field (REFUSED)
     * @throws ScheduleChangeFailedException when an AWS call failed and the changes were undone (FAILED)
     * @throws ScheduleBusyException when another change of the same schedule is in progress
     */
    public ScheduleRequestRecord apply(ScheduleRequest request) {
        Instant received = adapters.clock().instant();
        Optional<ScheduleRequestRecord> earlier = adapters.ledger().request(request.requestId());
        if (earlier.isPresent() && earlier.get().isFinal()) {
            return outcomes.replay(earlier.get());
        }
        ValidatedSchedule validated = admit(request, received);
        CapacitySchedule schedule = validated.schedule();
        String key = schedule.target().key();
        String holder = "request:" + request.requestId();
        if (!adapters.ledger().lock(key, holder)) {
            throw outcomes.busy(request, key, adapters.ledger().lockHolder(key).orElse("released meanwhile"), received,
                    adapters.clock().instant());
        }
        Undo undo = new Undo();
        Outbox outbox = new Outbox();
        StoredSchedule stored;
        SchedulerDiff diff;
        try {
            Instant now = adapters.clock().instant();
            Optional<ScheduleLedger.Versioned> existing = adapters.ledger().find(key);
            SchedulerGroup group = adapters.requireScheduler();
            diff = SchedulerDiff.between(group.schedulesOf(schedule.target()), DesiredSchedules.of(schedule.target(),
                    schedule.timezone(), ScheduleCompiler.compile(validated, now), group.settings()));
            group.apply(diff, undo);
            Map<String, GovernedVersion> governed = reconcile(validated, request, existing, now, outbox, undo);
            stored = new StoredSchedule(key, functionName(schedule.target()), ScheduleJson.toTree(schedule), now, now,
                    request.requestedBy(), request.requestId(), diff.resultingNames(), governed, now);
            adapters.ledger().save(stored, existing.map(ScheduleLedger.Versioned::version).orElse(null));
        } catch (RuntimeException e) {
            throw outcomes.fail(request, key, e, undo.run(), received, adapters.clock().instant());
        } finally {
            adapters.ledger().unlock(key, holder);
        }
        outbox.commit(adapters.ledger(), adapters.events());
        ScheduleRequestRecord record = new ScheduleRequestRecord(request.requestId(), request.action().text(), key,
                stored.functionName(), ScheduleRequestRecord.Status.APPLIED, request.requestedBy(), received,
                adapters.clock().instant(), "applied: Scheduler schedules " + diff.summary() + "; "
                + describe(stored.governed()), List.of(), stored.schedulerSchedules(), diff.summary(),
                capacity(stored.governed(), validated, stored.validatedAt()), null);
        outcomes.finish(record);
        return record;
    }

    /** Every guardrail, the LMI check and the version check; a refusal is recorded and thrown. */
    private ValidatedSchedule admit(ScheduleRequest request, Instant now) {
        List<ScheduleProblem> problems = new ArrayList<>(request.problems());
        LambdaManagedInstancesCheck managedInstances = adapters.managedInstancesCheck();
        ValidatedSchedule validated = null;
        try {
            validated = CapacitySchedules.parse(request.scheduleTree(), adapters.policy(), now, managedInstances);
        } catch (InvalidScheduleException e) {
            problems.addAll(e.problems());
        }
        if (validated != null) {
            CapacitySchedule schedule = validated.schedule();
            // A selector with a version number is refused by the validator itself (plan refuses it too).
            if (schedule.target() instanceof ScheduleTarget.FunctionTarget function) {
                managedInstances.versionProblem(function.function(), schedule.qualifier())
                        .ifPresent(why -> problems.add(new ScheduleProblem("qualifier", why)));
            }
        }
        if (problems.isEmpty()) {
            problems.addAll(ScheduleConflicts.of(byName(validated, now).schedule(), adapters));
        }
        if (!problems.isEmpty()) {
            String key = validated == null ? null : validated.schedule().target().key();
            throw outcomes.refuse(request, key, problems, now, adapters.clock().instant());
        }
        return byName(validated, now);
    }

    /** A function given by ARN is stored by name, so one function never has two schedules. */
    private ValidatedSchedule byName(ValidatedSchedule validated, Instant now) {
        CapacitySchedule s = validated.schedule();
        if (!(s.target() instanceof ScheduleTarget.FunctionTarget function)
                || function.function().equals(function.functionName())) {
            return validated;
        }
        return new ScheduleValidator(adapters.policy()).validate(new CapacitySchedule(
                new ScheduleTarget.FunctionTarget(function.functionName()), s.qualifier(), s.environment(),
                s.timezone(), s.defaults(), s.periods(), s.exceptions(), s.prewarms()), now);
    }

    private Map<String, GovernedVersion> reconcile(ValidatedSchedule validated, ScheduleRequest request,
                                                   Optional<ScheduleLedger.Versioned> existing, Instant now,
                                                   Outbox outbox, Undo undo) {
        CapacitySchedule schedule = validated.schedule();
        String key = schedule.target().key();
        EffectiveCapacity capacity = CapacityCalendar.of(validated).at(now);
        Scaling wanted = Scaling.of(capacity.limits());
        Reconciler reconciler = adapters.reconciler();
        Map<String, GovernedVersion> previous = existing.map(v -> v.schedule().governed()).orElse(Map.of());
        Map<String, GovernedVersion> governed = new TreeMap<>();
        Reconciler.Context applying = new Reconciler.Context(key, ScheduleChange.Cause.APPLY, request.requestedBy(),
                null, request.requestId(), Governance.reason(capacity), null);
        for (String function : Governance.functions(schedule.target(), schedule.qualifier(), adapters)) {
            Optional<GovernedVersion> set = reconciler.set(function, schedule.qualifier(), wanted,
                    previous.get(function), applying, outbox, undo);
            if (set.isEmpty() && schedule.target() instanceof ScheduleTarget.FunctionTarget) {
                throw new IllegalStateException(function + ":" + schedule.qualifier()
                        + " disappeared while the schedule was being applied");
            }
            set.ifPresent(v -> governed.put(function, v));
        }
        Reconciler.Context releasing = new Reconciler.Context(key, ScheduleChange.Cause.RELEASE, request.requestedBy(),
                null, request.requestId(), "no longer governed by the schedule: Lambda's default", null);
        for (GovernedVersion old : previous.values()) {
            GovernedVersion current = governed.get(old.function());
            if (current == null || !current.qualifier().equals(old.qualifier())) {
                reconciler.release(old, releasing, outbox, undo);
            }
        }
        return governed;
    }

    static String functionName(ScheduleTarget target) {
        return target instanceof ScheduleTarget.FunctionTarget f ? f.functionName() : null;
    }

    static String describe(Map<String, GovernedVersion> governed) {
        if (governed.isEmpty()) {
            return "no function governed yet (none matches the selector and has the qualifier)";
        }
        StringBuilder text = new StringBuilder();
        governed.values().forEach(v -> text.append(text.length() == 0 ? "" : ", ").append(v.function()).append(':')
                .append(v.qualifier()).append(" at ").append(v.lastSet()));
        return text.toString();
    }

    static List<ScheduleRequestRecord.VersionCapacity> capacity(Map<String, GovernedVersion> governed,
                                                                ValidatedSchedule validated, Instant at) {
        String reason = Governance.reason(CapacityCalendar.of(validated).at(at));
        return governed.values().stream().map(v -> new ScheduleRequestRecord.VersionCapacity(v.function(),
                v.qualifier(), v.lastSet(), reason)).toList();
    }
}

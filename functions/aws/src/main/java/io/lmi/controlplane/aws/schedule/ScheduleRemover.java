package io.lmi.controlplane.aws.schedule;

import io.lmi.controlplane.core.schedule.ScheduleProblem;
import io.lmi.controlplane.core.schedule.ScheduleTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Removes a schedule: its Scheduler schedules are deleted, every version it governed gets Lambda's default back
 * ({@link Scaling#LMI_DEFAULT}: Min 3, no maximum), and the stored schedule is deleted (its change history stays until
 * it expires). Nothing is left that could wake the shaper or hold a version at the schedule's last values.
 *
 * <p>Why Lambda's default and not the schedule's own {@code default}: after removal no schedule governs the version,
 * so it should run as one that was never scheduled; the schedule's default may be 0/0 (a deactivated version never
 * comes back by itself) or below the production floor with a reason that applied only under the schedule. Min 3 with
 * no maximum is safe for any function: three execution environments across availability zones, and no ceiling that
 * could throttle.
 */
public final class ScheduleRemover {
    private final ScheduleAdapters adapters;
    private final RequestOutcomes outcomes;

    public ScheduleRemover(ScheduleAdapters adapters) {
        this.adapters = adapters;
        this.outcomes = new RequestOutcomes(adapters.ledger(), adapters.events());
    }

    /**
     * @return the REMOVED record (also on the bus as CapacityScheduleRemoved)
     * @throws io.lmi.controlplane.core.validation.InvalidRequestException when there is nothing to remove or the
     *         qualifier given is not the one the schedule governs (REFUSED, nothing changed)
     * @throws ScheduleChangeFailedException when an AWS call failed and the changes were undone (FAILED)
     */
    public ScheduleRequestRecord remove(ScheduleRequest request) {
        Instant received = adapters.clock().instant();
        Optional<ScheduleRequestRecord> earlier = adapters.ledger().request(request.requestId());
        if (earlier.isPresent() && earlier.get().isFinal()) {
            return outcomes.replay(earlier.get());
        }
        if (!request.problems().isEmpty()) {
            throw outcomes.refuse(request, null, request.problems(), received, adapters.clock().instant());
        }
        ScheduleTarget target = request.removalTarget();
        String key = target.key();
        String holder = "request:" + request.requestId();
        if (!adapters.ledger().lock(key, holder)) {
            throw outcomes.busy(request, key, adapters.ledger().lockHolder(key).orElse("released meanwhile"), received,
                    adapters.clock().instant());
        }
        Undo undo = new Undo();
        Outbox outbox = new Outbox();
        SchedulerDiff diff;
        List<ScheduleRequestRecord.VersionCapacity> restored = new ArrayList<>();
        try {
            SchedulerGroup group = adapters.requireScheduler();
            Optional<ScheduleLedger.Versioned> existing = adapters.ledger().find(key);
            Map<String, SchedulerDefinition> schedules = group.schedulesOf(target);
            List<ScheduleProblem> problems = refusals(request, target, existing, schedules);
            if (!problems.isEmpty()) {
                throw outcomes.refuse(request, key, problems, received, adapters.clock().instant());
            }
            try {
                diff = SchedulerDiff.deleteAll(schedules);
                group.apply(diff, undo);
                Reconciler reconciler = adapters.reconciler();
                Reconciler.Context removing = new Reconciler.Context(key, ScheduleChange.Cause.REMOVE,
                        request.requestedBy(), null, request.requestId(), "schedule removed: Lambda's default", null);
                for (GovernedVersion version : existing.map(v -> v.schedule().governed().values())
                        .orElse(List.of())) {
                    reconciler.set(version.function(), version.qualifier(), Scaling.LMI_DEFAULT, version, removing,
                            outbox, undo).ifPresent(v -> restored.add(new ScheduleRequestRecord.VersionCapacity(
                                    v.function(), v.qualifier(), v.lastSet(), "Lambda's default")));
                }
                if (existing.isPresent()) {
                    adapters.ledger().delete(key, existing.get().version());
                }
            } catch (RuntimeException e) {
                throw outcomes.fail(request, key, e, undo.run(), received, adapters.clock().instant());
            }
        } finally {
            adapters.ledger().unlock(key, holder);
        }
        outbox.commit(adapters.ledger(), adapters.events());
        String versions = restored.isEmpty() ? "no version to restore"
                : "Lambda's default (" + Scaling.LMI_DEFAULT + ") restored on " + String.join(", ",
                restored.stream().map(v -> v.function() + ":" + v.qualifier()).toList());
        ScheduleRequestRecord record = new ScheduleRequestRecord(request.requestId(), request.action().text(), key,
                ScheduleApplier.functionName(target), ScheduleRequestRecord.Status.REMOVED, request.requestedBy(),
                received, adapters.clock().instant(), "removed: " + diff.deletes().size()
                + " Scheduler schedules deleted; " + versions, List.of(),
                diff.deletes().stream().map(SchedulerDefinition::name).toList(), diff.summary(), restored, null);
        outcomes.finish(record);
        return record;
    }

    /**
     * Deletes what a schedule leaves behind once the function it governs is gone: its Scheduler schedules, then the
     * stored schedule (last, so that a failure part-way leaves it for the next wake-up to finish). No version to
     * restore and nothing to undo: there is no function any more. The caller holds the schedule's lock.
     *
     * @return the names of the Scheduler schedules deleted
     */
    List<String> removeOrphaned(ScheduleTarget target, ScheduleLedger.Versioned stored) {
        SchedulerGroup group = adapters.requireScheduler();
        SchedulerDiff diff = SchedulerDiff.deleteAll(group.schedulesOf(target));
        group.apply(diff, new Undo());
        adapters.ledger().delete(target.key(), stored.version());
        return diff.deletes().stream().map(SchedulerDefinition::name).toList();
    }

    private List<ScheduleProblem> refusals(ScheduleRequest request, ScheduleTarget target,
                                           Optional<ScheduleLedger.Versioned> existing,
                                           Map<String, SchedulerDefinition> schedules) {
        String field = target instanceof ScheduleTarget.FunctionTarget ? "function" : "selector";
        if (existing.isEmpty() && schedules.isEmpty()) {
            List<String> keys = adapters.ledger().all().stream().map(StoredSchedule::key).toList();
            return List.of(new ScheduleProblem(field, "there is no capacity schedule for " + target.key()
                    + (keys.isEmpty() ? " (there are none)" : "; schedules exist for: " + String.join(", ", keys))));
        }
        String expected = request.expectedQualifier();
        if (expected != null && existing.isPresent() && !expected.equals(existing.get().schedule().qualifier())) {
            return List.of(new ScheduleProblem("qualifier", "the schedule of " + target.key() + " governs "
                    + existing.get().schedule().qualifier() + ", not " + expected + "; leave --qualifier out, or give "
                    + existing.get().schedule().qualifier()));
        }
        return List.of();
    }
}

package io.lmi.controlplane.core.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@code ./lmi schedule plan} shows: the EventBridge Scheduler schedules that would be created, and every change
 * of the effective capacity in the window [from, to) with the schedules that fire for it.
 */
public record SchedulePlan(CapacitySchedule schedule, Instant from, Instant to, List<ScheduledTransition> transitions,
                           List<PlannedChange> changes) {
    public SchedulePlan {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        transitions = List.copyOf(transitions);
        changes = List.copyOf(changes);
    }
}

package io.lmi.controlplane.core.schedule;

import java.util.Objects;

/**
 * A schedule that passed {@link ScheduleValidator} under a policy. Only the validator creates one, so whatever takes
 * a ValidatedSchedule (the calendar, the compiler, the planner, the savings estimate) can rely on the guardrails.
 */
public final class ValidatedSchedule {
    private final CapacitySchedule schedule;
    private final SchedulePolicy policy;

    ValidatedSchedule(CapacitySchedule schedule, SchedulePolicy policy) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public CapacitySchedule schedule() {
        return schedule;
    }

    public SchedulePolicy policy() {
        return policy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ValidatedSchedule v && v.schedule.equals(schedule) && v.policy.equals(policy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schedule, policy);
    }

    @Override
    public String toString() {
        return "ValidatedSchedule[" + schedule + "]";
    }
}

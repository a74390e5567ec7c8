package io.lmi.controlplane.core.schedule;

import java.time.Instant;
import java.util.List;

/** Compiles a schedule and lays its changes over a window, naming the compiled schedule that fires for each. */
public final class SchedulePlanner {
    private SchedulePlanner() {
    }

    /**
     * @param now  one-off schedules at or before now are not created (they could never fire)
     * @param from start of the window, inclusive
     * @param to   end of the window, exclusive
     */
    public static SchedulePlan plan(ValidatedSchedule validated, Instant now, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the window must end after it starts: " + from + " .. " + to);
        }
        List<ScheduledTransition> transitions = ScheduleCompiler.compile(validated, now);
        List<PlannedChange> changes = CapacityCalendar.of(validated).changes(from, to).stream()
                .map(change -> new PlannedChange(change, transitions.stream()
                        .filter(t -> t.trigger().firesAt(change.at())).map(ScheduledTransition::name).toList()))
                .toList();
        return new SchedulePlan(validated.schedule(), from, to, transitions, changes);
    }
}

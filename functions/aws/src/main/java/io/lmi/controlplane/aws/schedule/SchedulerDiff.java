package io.lmi.controlplane.aws.schedule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What applying a schedule changes in EventBridge Scheduler: the schedules to create, those to update (with what they
 * were, for undo), the stale ones to delete (with what they were), and those already right. Computed before any call
 * is made, so an apply knows its whole change up front and a second apply of the same schedule is empty.
 */
public record SchedulerDiff(List<SchedulerDefinition> creates, List<Update> updates, List<SchedulerDefinition> deletes,
                            List<String> unchanged) {

    /** A schedule whose definition changes: what Scheduler has, and what it should have. */
    public record Update(SchedulerDefinition previous, SchedulerDefinition desired) {
    }

    public SchedulerDiff {
        creates = List.copyOf(creates);
        updates = List.copyOf(updates);
        deletes = List.copyOf(deletes);
        unchanged = List.copyOf(unchanged);
    }

    /**
     * @param existing the schedules Scheduler has for this stored schedule, by name
     * @param desired  the schedules it should have (names unique)
     */
    public static SchedulerDiff between(Map<String, SchedulerDefinition> existing, List<SchedulerDefinition> desired) {
        Map<String, SchedulerDefinition> wanted = new LinkedHashMap<>();
        for (SchedulerDefinition definition : desired) {
            if (wanted.put(definition.name(), definition) != null) {
                throw new IllegalArgumentException("two desired schedules are named " + definition.name());
            }
        }
        List<SchedulerDefinition> creates = new ArrayList<>();
        List<Update> updates = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (SchedulerDefinition definition : wanted.values()) {
            SchedulerDefinition current = existing.get(definition.name());
            if (current == null) {
                creates.add(definition);
            } else if (current.equals(definition)) {
                unchanged.add(definition.name());
            } else {
                updates.add(new Update(current, definition));
            }
        }
        List<SchedulerDefinition> deletes = existing.values().stream()
                .filter(current -> !wanted.containsKey(current.name()))
                .sorted(Comparator.comparing(SchedulerDefinition::name))
                .toList();
        return new SchedulerDiff(creates, updates, deletes, unchanged);
    }

    /** Everything to delete: what removing the stored schedule does. */
    public static SchedulerDiff deleteAll(Map<String, SchedulerDefinition> existing) {
        return between(existing, List.of());
    }

    public boolean isEmpty() {
        return creates.isEmpty() && updates.isEmpty() && deletes.isEmpty();
    }

    /** The names the stored schedule has once this diff is applied. */
    public List<String> resultingNames() {
        List<String> names = new ArrayList<>(unchanged);
        creates.forEach(d -> names.add(d.name()));
        updates.forEach(u -> names.add(u.desired().name()));
        names.sort(Comparator.naturalOrder());
        return names;
    }

    public String summary() {
        return creates.size() + " created, " + updates.size() + " updated, " + deletes.size() + " deleted, "
                + unchanged.size() + " unchanged";
    }
}

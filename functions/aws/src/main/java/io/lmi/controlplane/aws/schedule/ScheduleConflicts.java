package io.lmi.controlplane.aws.schedule;

import io.lmi.controlplane.core.schedule.CapacitySchedule;
import io.lmi.controlplane.core.schedule.ScheduleProblem;
import io.lmi.controlplane.core.schedule.ScheduleTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One version, one schedule: a schedule is refused when another stored schedule governs one of the same function's
 * versions under the same qualifier, a function's own schedule against a tag selector that matches it, or two
 * selectors that both match a function. Two schedules setting one version would undo each other at every transition
 * and report each other's changes as drift.
 *
 * <p>A function tagged after both schedules were applied is not refused by anything: then, at wake-up, the
 * function's own schedule wins and the selector skips it ({@link Governance#functions}); two selectors both set it.
 */
final class ScheduleConflicts {
    private ScheduleConflicts() {
    }

    static List<ScheduleProblem> of(CapacitySchedule schedule, ScheduleAdapters adapters) {
        String key = schedule.target().key();
        List<StoredSchedule> others = adapters.ledger().all().stream()
                .filter(s -> !s.key().equals(key) && s.qualifier().equals(schedule.qualifier()))
                .toList();
        if (others.isEmpty()) {
            return List.of();
        }
        return schedule.target() instanceof ScheduleTarget.FunctionTarget function
                ? withSelectors(function.functionName(), schedule.qualifier(), others, adapters)
                : withOthers((ScheduleTarget.TagSelector) schedule.target(), schedule.qualifier(), others, adapters);
    }

    /** A function's own schedule: the selectors whose tags the function carries. */
    private static List<ScheduleProblem> withSelectors(String function, String qualifier, List<StoredSchedule> others,
                                                       ScheduleAdapters adapters) {
        List<ScheduleProblem> problems = new ArrayList<>();
        List<Map.Entry<StoredSchedule, ScheduleTarget.TagSelector>> selectors = selectors(others);
        if (selectors.isEmpty()) {
            return problems;
        }
        Optional<String> arn = adapters.functions().configuration(function).map(c -> c.functionArn());
        if (arn.isEmpty()) {
            return problems;
        }
        Map<String, String> tags = adapters.tagged().tagsOf(arn.get());
        for (var selector : selectors) {
            if (TaggedFunctions.selects(selector.getValue().tags(), tags)) {
                problems.add(new ScheduleProblem("function", function + ":" + qualifier + " is already governed by "
                        + "the schedule for " + describe(selector.getValue()) + " (the function carries those tags); "
                        + "one version takes one schedule: take the tag off the function, or remove that schedule ("
                        + removeCommand(selector.getValue()) + "), then apply this one"));
            }
        }
        return problems;
    }

    /** A selector: the functions it matches that have their own schedule, or that another selector matches too. */
    private static List<ScheduleProblem> withOthers(ScheduleTarget.TagSelector selector, String qualifier,
                                                    List<StoredSchedule> others, ScheduleAdapters adapters) {
        List<ScheduleProblem> problems = new ArrayList<>();
        Map<String, Map<String, String>> matched = adapters.tagged().matchingWithTags(selector.tags());
        for (StoredSchedule other : others) {
            Optional<ScheduleTarget> target = Governance.targetOf(other.key());
            List<String> both;
            String fix;
            String whose;
            if (target.isEmpty()) {
                continue;
            } else if (target.get() instanceof ScheduleTarget.FunctionTarget own) {
                both = matched.containsKey(own.functionName()) ? List.of(own.functionName()) : List.of();
                whose = "its own schedule";
                fix = "take the tag off the function, narrow this selector, or remove the function's schedule (./lmi "
                        + "schedule remove " + own.functionName() + ")";
            } else {
                ScheduleTarget.TagSelector otherSelector = (ScheduleTarget.TagSelector) target.get();
                both = matched.entrySet().stream()
                        .filter(e -> TaggedFunctions.selects(otherSelector.tags(), e.getValue()))
                        .map(Map.Entry::getKey).toList();
                whose = "the schedule for " + describe(otherSelector);
                fix = "narrow one of the two selectors so that no function matches both, or remove the other ("
                        + removeCommand(otherSelector) + ")";
            }
            if (!both.isEmpty()) {
                problems.add(new ScheduleProblem("selector.tags", String.join(", ", both) + " (:" + qualifier
                        + ") " + (both.size() == 1 ? "is" : "are") + " already governed by " + whose + "; one "
                        + "version takes one schedule: " + fix));
            }
        }
        return problems;
    }

    private static List<Map.Entry<StoredSchedule, ScheduleTarget.TagSelector>> selectors(List<StoredSchedule> others) {
        List<Map.Entry<StoredSchedule, ScheduleTarget.TagSelector>> selectors = new ArrayList<>();
        for (StoredSchedule other : others) {
            Governance.targetOf(other.key()).filter(t -> t instanceof ScheduleTarget.TagSelector)
                    .ifPresent(t -> selectors.add(Map.entry(other, (ScheduleTarget.TagSelector) t)));
        }
        return selectors;
    }

    private static String describe(ScheduleTarget.TagSelector selector) {
        return "tags " + tagList(selector, ", ");
    }

    private static String removeCommand(ScheduleTarget.TagSelector selector) {
        return "./lmi schedule remove " + selector.tags().entrySet().stream().map(e -> "--tag " + e.getKey() + "="
                + e.getValue()).collect(Collectors.joining(" "));
    }

    private static String tagList(ScheduleTarget.TagSelector selector, String separator) {
        return selector.tags().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(separator));
    }
}

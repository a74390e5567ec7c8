package io.lmi.controlplane.core.traffic;

import io.lmi.controlplane.core.validation.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which share of each trigger's traffic is on the new function at each step of a migration.
 *
 * <p>Weighted triggers follow the steps. Cut-over triggers move all at once at the first step whose share reaches the
 * cut-over percentage. Manual triggers are handed to the team at that same step. A step at which nothing changes
 * (only cut-over triggers, before the cut-over) is skipped rather than gated: there would be no traffic to judge.
 */
public record TrafficPlan(List<Integer> steps, int cutoverPercent, List<Trigger> triggers) {

    /** Default cut-over point: half the traffic, when weighted triggers have shown the new function works. */
    public static final int DEFAULT_CUTOVER_PERCENT = 50;

    public TrafficPlan {
        steps = List.copyOf(steps);
        triggers = List.copyOf(triggers);
    }

    /** The share of {@code trigger}'s traffic on the new function once step {@code index} is applied. */
    public int percentAt(Trigger trigger, int index) {
        int stepPercent = steps.get(index);
        return switch (trigger.mechanism()) {
            case WEIGHTED -> stepPercent;
            case CUTOVER, MANUAL -> stepPercent >= cutoverPercent ? 100 : 0;
        };
    }

    /** Indexes of steps that change at least one trigger (the steps the workflow runs and gates). */
    public List<Integer> effectiveSteps() {
        List<Integer> effective = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            for (Trigger trigger : triggers) {
                int before = i == 0 ? 0 : percentAt(trigger, i - 1);
                if (percentAt(trigger, i) != before) {
                    effective.add(i);
                    break;
                }
            }
        }
        return effective;
    }

    /** The step index at which cut-over and manual triggers move, or -1 when no step reaches the cut-over point. */
    public int cutoverStep() {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) >= cutoverPercent) {
                return i;
            }
        }
        return -1;
    }

    public boolean needsPeople() {
        return triggers.stream().anyMatch(t -> t.mechanism() == ShiftMechanism.MANUAL);
    }

    /** Checks a step list: 1-100, strictly increasing, ending at 100 (a migration ends with all traffic moved). */
    public static void validateSteps(List<Integer> steps, String field) {
        var v = new io.lmi.controlplane.core.validation.Validator("traffic steps");
        if (steps == null || steps.isEmpty()) {
            v.check(false, field, "is empty", "give the percentages to shift through, e.g. [10, 50, 100]");
            v.throwIfInvalid();
        }
        for (int i = 0; i < steps.size(); i++) {
            Integer step = steps.get(i);
            v.check(step != null && step >= 1 && step <= 100, field + "[" + i + "]", step + " is not a percentage from 1 to 100",
                    "use whole percentages from 1 to 100");
            if (i > 0 && step != null && steps.get(i - 1) != null) {
                v.check(step > steps.get(i - 1), field + "[" + i + "]", step + " does not increase on " + steps.get(i - 1),
                        "list the percentages in increasing order, e.g. [10, 50, 100]");
            }
        }
        Integer last = steps.get(steps.size() - 1);
        v.check(last != null && last == 100, field, "does not end at 100", "end with 100 so that all traffic moves");
        if (!v.isValid()) {
            throw new InvalidRequestException("traffic steps", v.errors());
        }
    }
}

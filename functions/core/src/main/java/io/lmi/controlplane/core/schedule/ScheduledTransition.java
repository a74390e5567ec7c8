package io.lmi.controlplane.core.schedule;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One EventBridge Scheduler schedule the control plane creates for a capacity schedule: a deterministic name, when it
 * fires, the min/max it sets on an ordinary day, and why. It wakes the shaper, which sets what
 * {@link CapacityCalendar#at} says at that moment; on an exception date or during a pre-warm that can differ from
 * {@link #limits()}, which is what the plan shows.
 */
public record ScheduledTransition(String name, TransitionTrigger trigger, ScalingLimits limits, String reason) {
    /** EventBridge Scheduler's Name: 1-64 characters of [0-9a-zA-Z-_.]. */
    public static final Pattern NAME = Pattern.compile("[0-9a-zA-Z._-]{1,64}");
    /** EventBridge Scheduler's Description limit. */
    public static final int MAX_DESCRIPTION_LENGTH = 512;

    public ScheduledTransition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(reason, "reason");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid EventBridge Scheduler name: " + name);
        }
    }

    public boolean recurring() {
        return trigger instanceof TransitionTrigger.Weekly;
    }

    public String expression() {
        return trigger.expression();
    }

    public String timezone() {
        return trigger.timezone().getId();
    }

    /** For the schedule's Description: "sets 10/50: period business-hours starts", cut to Scheduler's limit. */
    public String description() {
        String text = "sets " + limits + ": " + reason;
        return text.length() <= MAX_DESCRIPTION_LENGTH ? text : text.substring(0, MAX_DESCRIPTION_LENGTH - 3) + "...";
    }
}

package io.lmi.controlplane.aws.schedule;

import io.lmi.controlplane.core.validation.Validatable;
import io.lmi.controlplane.core.validation.Validator;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What a Scheduler schedule passes to the shaper. For a transition it is the core's
 * {@link io.lmi.controlplane.core.schedule.ShaperWakeUp} (schedule, transition, expectedMin, expectedMax); the drift
 * check sends only schedule and transition {@value #DRIFT_CHECK}. Both add {@code scheduledTime}, which Scheduler fills
 * in from the context attribute {@code <aws.scheduler.scheduled-time>}: the shaper evaluates the calendar at the later
 * of that time and now, so a wake-up that arrives a little early still sets the new values.
 */
public record ShaperInput(String schedule, String transition, Integer expectedMin, Integer expectedMax,
                          String scheduledTime) implements Validatable {
    public static final String DRIFT_CHECK = "drift-check";
    /** Scheduler replaces this with the schedule's time (Scheduler user guide, "context attributes"). */
    public static final String SCHEDULED_TIME_PLACEHOLDER = "<aws.scheduler.scheduled-time>";
    /**
     * How far ahead of now a scheduled time is still believed. Scheduler fires within seconds of the time; a minute's
     * margin covers clock skew, and anything further ahead is not a real firing and is ignored.
     */
    public static final java.time.Duration EARLY_FIRE_TOLERANCE = java.time.Duration.ofMinutes(1);

    @Override
    public void validate() {
        Validator v = new Validator("shaper wake-up");
        v.require("schedule", schedule, "the Scheduler schedule's Input names the stored schedule, e.g. "
                + "{\"schedule\": \"orders-api\", \"transition\": \"...\"}");
        v.require("transition", transition, "name the transition that woke the shaper, or " + DRIFT_CHECK);
        if (scheduledTime != null && !scheduledTime.isBlank()) {
            try {
                Instant.parse(scheduledTime);
            } catch (DateTimeParseException e) {
                v.check(false, "scheduledTime", "'" + scheduledTime + "' is not an ISO instant",
                        "let Scheduler fill it in from " + SCHEDULED_TIME_PLACEHOLDER + ", or leave it out");
            }
        }
        v.throwIfInvalid();
    }

    public boolean isDriftCheck() {
        return DRIFT_CHECK.equals(transition);
    }

    public Optional<Instant> scheduledAt() {
        return Optional.ofNullable(scheduledTime).filter(s -> !s.isBlank()).map(Instant::parse);
    }

    /** When the calendar is evaluated: the scheduled time if Scheduler fired a little early, else now. */
    public Instant evaluationTime(Instant now) {
        return scheduledAt().filter(at -> at.isAfter(now) && !at.isAfter(now.plus(EARLY_FIRE_TOLERANCE))).orElse(now);
    }
}

package io.lmi.controlplane.aws.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Sets one version to the scaling config a schedule wants, the same way for every use case: read what Lambda has,
 * report drift (the requested config is not what the schedule last set there), put the new config when it differs
 * (Min and Max together), and say what it did. The Put is recorded in the {@link Undo} when the caller may need to
 * take it back; the change and the drift go to the {@link Outbox}, to be recorded once the caller has committed.
 *
 * <p>Drift policy: the schedule wins. A hand-made change is reported (CapacityDriftDetected, with what was found and
 * what the schedule had set) and then overwritten by what the calendar says, because the schedule is the declared
 * intent and capacity that silently differs from it is worse than a visible correction. To keep a different value,
 * change the schedule (a pre-warm for a one-off) or remove it.
 */
final class Reconciler {

    /** Why and for whom a version is set; carried into the change record. */
    record Context(String scheduleKey, ScheduleChange.Cause cause, String by, String transition, String requestId,
                   String reason, Scaling expected) {
    }

    private final VersionScaling scaling;
    private final Clock clock;

    Reconciler(VersionScaling scaling, Clock clock) {
        this.scaling = scaling;
        this.clock = clock;
    }

    /**
     * @param last what the schedule last set on this function (any qualifier), or null
     * @param undo where to record the Put, or null when it will never be taken back
     * @return what the schedule now governs there; empty when the version does not exist
     */
    Optional<GovernedVersion> set(String function, String qualifier, Scaling target, GovernedVersion last,
                                  Context context, Outbox outbox, Undo undo) {
        Optional<VersionScaling.Current> read = scaling.read(function, qualifier);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Scaling requested = read.get().requested();
        boolean sameVersion = last != null && last.qualifier().equals(qualifier);
        if (sameVersion && !requested.sameAs(last.lastSet())) {
            outbox.drift(new DriftReport(now, context.scheduleKey(), function, qualifier, last.lastSet(), last.setAt(),
                    last.setBy(), requested, read.get().applied(), describe(context),
                    requested.sameAs(target) ? "none: the config found is what the schedule sets now"
                            : "set " + target + " again: the schedule wins; change the schedule to keep another value"));
        }
        if (requested.sameAs(target)) {
            boolean unchangedSinceLastSet = sameVersion && last.lastSet().sameAs(target);
            return Optional.of(unchangedSinceLastSet ? last
                    : new GovernedVersion(function, qualifier, target, now, context.by()));
        }
        scaling.put(function, qualifier, target);
        if (undo != null) {
            undo.changed("set " + function + ":" + qualifier + " to " + target + " (was " + requested + ")",
                    () -> scaling.put(function, qualifier, requested));
        }
        outbox.change(new ScheduleChange(now, context.scheduleKey(), function, qualifier, requested, target,
                ScheduleChange.Outcome.CHANGED, context.cause(), context.by(), context.transition(), context.requestId(),
                context.reason(), context.expected() != null && !context.expected().sameAs(target) ? context.expected() : null,
                context.expected() != null && !context.expected().sameAs(target)
                        ? "the transition sets " + context.expected() + " on an ordinary day; the calendar says " + target
                        + " now" : null));
        return Optional.of(new GovernedVersion(function, qualifier, target, now, context.by()));
    }

    /** What letting go of a version did. */
    enum Release {
        /** Lambda's default is back (or the version had it already). */
        RELEASED,
        /** Someone changed the version since the schedule last set it: left as it is, recorded. */
        LEFT,
        /** The version no longer exists. */
        GONE
    }

    /**
     * Gives a version the schedule no longer governs Lambda's default back, but only while its requested config is
     * still what the schedule last set there: a different config was made by someone else after the schedule (a
     * rollout deactivating the superseded version to 0/0, an operator), and restoring the default would undo it, for
     * instance reactivate a deactivated version. Such a version is left as it is and a LEFT record says why.
     *
     * @param last what the schedule last set on the version
     */
    Release release(GovernedVersion last, Context context, Outbox outbox, Undo undo) {
        Optional<VersionScaling.Current> read = scaling.read(last.function(), last.qualifier());
        if (read.isEmpty()) {
            return Release.GONE;
        }
        Scaling requested = read.get().requested();
        if (!requested.sameAs(last.lastSet())) {
            outbox.change(new ScheduleChange(clock.instant(), context.scheduleKey(), last.function(),
                    last.qualifier(), requested, requested, ScheduleChange.Outcome.LEFT, context.cause(), context.by(),
                    context.transition(), context.requestId(), context.reason(), null, last.function() + ":"
                    + last.qualifier() + " has " + requested + ", not the " + last.lastSet() + " the schedule set "
                    + "there at " + last.setAt() + ": changed since by someone else, so left as it is"));
            return Release.LEFT;
        }
        set(last.function(), last.qualifier(), Scaling.LMI_DEFAULT, null, context, outbox, undo);
        return Release.RELEASED;
    }

    private static String describe(Context context) {
        return context.transition() == null ? context.cause().name().toLowerCase().replace('_', ' ')
                : context.cause().name().toLowerCase().replace('_', ' ') + " " + context.transition();
    }
}

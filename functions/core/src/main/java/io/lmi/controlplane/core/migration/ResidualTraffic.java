package io.lmi.controlplane.core.migration;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Whether anything still calls the original function once every trigger invokes the LMI copy. The control plane
 * moves triggers; it cannot see an SDK or CLI invoke, a function URL, or a trigger in another account or Region. The
 * original's Invocations after the last step started are what is left; until they are zero it is not ready to
 * decommission, whatever the triggers say.
 *
 * <p>The window: from {@link #DRAIN} after the last step started (requests already in flight, a batch an old SQS
 * poller had received), rounded up to a whole minute, to the last whole minute before the check. AWS/Lambda metrics
 * have a 1-minute resolution and CloudWatch rounds a query's start down to its period, so a window that did not start
 * on a minute would count traffic from before the move.
 */
public record ResidualTraffic(Instant from, Instant to) {
    /** How long requests sent before the last move may still start on the original (seconds, not minutes, in practice). */
    public static final Duration DRAIN = Duration.ofSeconds(30);
    /** The resolution of AWS/Lambda's Invocations metric, and the period the window is counted in. */
    public static final Duration PERIOD = Duration.ofMinutes(1);

    /** The window to count in, or empty when the last step baked too briefly to hold one whole minute after the drain. */
    public static Optional<ResidualTraffic> window(Instant lastStepStartedAt, Instant checkedAt) {
        Instant drained = lastStepStartedAt.plus(DRAIN);
        Instant from = drained.truncatedTo(ChronoUnit.MINUTES);
        if (from.isBefore(drained)) {
            from = from.plus(PERIOD);
        }
        Instant to = checkedAt.truncatedTo(ChronoUnit.MINUTES);
        return from.isBefore(to) ? Optional.of(new ResidualTraffic(from, to)) : Optional.empty();
    }

    /** What the record says of the original function, given what the window counted. */
    public String describe(String original, String movedTo, long invocations) {
        if (invocations == 0) {
            return original + " had no invocations from " + from + " to " + to + ", after every trigger moved: it is "
                    + "untouched and ready to decommission";
        }
        return original + " still had " + invocations + " invocation(s) from " + from + " to " + to + ", after every "
                + "trigger moved: something calls it directly (an SDK or CLI invoke, its function URL, a trigger in "
                + "another account or Region). Find those callers (CloudTrail's Invoke events name them) and point them "
                + "at " + movedTo + " before you decommission it; it is untouched";
    }

    /** What the record says when no window could be counted. */
    public static String unchecked(String original, Duration lastBake) {
        return original + " is untouched; the last step baked " + lastBake.toSeconds() + " s, too short to check that "
                + "nothing else still calls it (that needs a whole minute after a " + DRAIN.toSeconds() + " s drain): "
                + "check its Invocations metric is zero before you decommission it";
    }
}

package io.lmi.controlplane.aws.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * A function version a stored schedule governs, and what the schedule last set on it. Drift is a requested scaling
 * config that differs from {@link #lastSet()}: only a change nobody made through the schedule.
 */
public record GovernedVersion(String function, String qualifier, Scaling lastSet, Instant setAt, String setBy) {
    public GovernedVersion {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(lastSet, "lastSet");
        Objects.requireNonNull(setAt, "setAt");
    }
}

package io.lmi.controlplane.aws.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * Someone changed a governed version's scaling config outside the schedule: what the schedule had set (and when, by
 * whom), what Lambda now has as requested and applied, and what the control plane did about it. The detail of the
 * CapacityDriftDetected event, and a ledger record ({@code SCHEDULE#<key>} / {@code DRIFT#<at>}).
 */
public record DriftReport(Instant at, String schedule, String function, String qualifier, Scaling expected,
                          Instant expectedSince, String expectedSetBy, Scaling found, Scaling applied, String detectedBy,
                          String action) {
    public DriftReport {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(found, "found");
        Objects.requireNonNull(action, "action");
    }
}

package io.lmi.controlplane.core.schedule;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Execution-environment-hours of the scheduled floors against a flat baseline over [from, to), and, when pricing is
 * given, the instance-hours and dollars. Computed on floors (min): capacity above the floor follows traffic with or
 * without a schedule. A negative saving means the schedule holds more than the baseline.
 */
public record SavingsEstimate(Instant from, Instant to, int baselineFloor, String baseline,
                              BigDecimal scheduledExecutionEnvironmentHours, BigDecimal baselineExecutionEnvironmentHours,
                              Optional<Dollars> dollars) {

    public SavingsEstimate {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(scheduledExecutionEnvironmentHours, "scheduledExecutionEnvironmentHours");
        Objects.requireNonNull(baselineExecutionEnvironmentHours, "baselineExecutionEnvironmentHours");
        Objects.requireNonNull(dollars, "dollars");
    }

    public BigDecimal savedExecutionEnvironmentHours() {
        return baselineExecutionEnvironmentHours.subtract(scheduledExecutionEnvironmentHours);
    }

    /** Instance-hours and USD, from {@link InstanceHourPricing}. */
    public record Dollars(InstanceHourPricing pricing, BigDecimal scheduledInstanceHours, BigDecimal baselineInstanceHours,
                          BigDecimal scheduledUsd, BigDecimal baselineUsd) {
        public BigDecimal savedInstanceHours() {
            return baselineInstanceHours.subtract(scheduledInstanceHours);
        }

        public BigDecimal savedUsd() {
            return baselineUsd.subtract(scheduledUsd);
        }
    }
}

package io.lmi.controlplane.core.schedule;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What turns execution-environment-hours into money, as the cost engine provides it: how many execution environments
 * one instance holds for this function, and the all-in price of an instance-hour (EC2 after discounts plus the 15%
 * management fee on the on-demand price).
 */
public record InstanceHourPricing(BigDecimal executionEnvironmentsPerInstance, BigDecimal usdPerInstanceHour) {
    public InstanceHourPricing {
        Objects.requireNonNull(executionEnvironmentsPerInstance, "executionEnvironmentsPerInstance");
        Objects.requireNonNull(usdPerInstanceHour, "usdPerInstanceHour");
        if (executionEnvironmentsPerInstance.signum() <= 0) {
            throw new IllegalArgumentException("execution environments per instance must be positive, got "
                    + executionEnvironmentsPerInstance);
        }
        if (usdPerInstanceHour.signum() < 0) {
            throw new IllegalArgumentException("the price of an instance-hour cannot be negative, got "
                    + usdPerInstanceHour);
        }
    }
}

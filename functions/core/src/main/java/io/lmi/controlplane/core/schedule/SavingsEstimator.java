package io.lmi.controlplane.core.schedule;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Integrates the scheduled floor over a window and compares it with a flat baseline. */
public final class SavingsEstimator {
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
    /** Hours to three decimals (3.6 s); dollars to cents. */
    private static final int HOURS_SCALE = 3;
    private static final int USD_SCALE = 2;

    private SavingsEstimator() {
    }

    public static SavingsEstimate estimate(ValidatedSchedule validated, Instant from, Instant to, SavingsBaseline baseline,
                                           Optional<InstanceHourPricing> pricing) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the window must end after it starts: " + from + " .. " + to);
        }
        CapacityCalendar calendar = CapacityCalendar.of(validated);
        long scheduledSeconds = 0;
        Instant segmentStart = from;
        int floor = calendar.at(from).min();
        for (CapacityChange change : calendar.changes(from, to)) {
            scheduledSeconds += floor * Duration.between(segmentStart, change.at()).getSeconds();
            segmentStart = change.at();
            floor = change.after().min();
        }
        scheduledSeconds += floor * Duration.between(segmentStart, to).getSeconds();
        int baselineFloor = baseline.floor(validated.schedule());
        long baselineSeconds = baselineFloor * Duration.between(from, to).getSeconds();

        BigDecimal scheduledHours = hours(scheduledSeconds);
        BigDecimal baselineHours = hours(baselineSeconds);
        Optional<SavingsEstimate.Dollars> dollars = pricing.map(p -> {
            BigDecimal scheduledInstanceHours = scheduledHours.divide(p.executionEnvironmentsPerInstance(),
                    HOURS_SCALE, RoundingMode.HALF_EVEN);
            BigDecimal baselineInstanceHours = baselineHours.divide(p.executionEnvironmentsPerInstance(),
                    HOURS_SCALE, RoundingMode.HALF_EVEN);
            return new SavingsEstimate.Dollars(p, scheduledInstanceHours, baselineInstanceHours,
                    usd(scheduledInstanceHours, p), usd(baselineInstanceHours, p));
        });
        return new SavingsEstimate(from, to, baselineFloor, baseline.describe(validated.schedule()), scheduledHours,
                baselineHours, dollars);
    }

    private static BigDecimal hours(long executionEnvironmentSeconds) {
        return BigDecimal.valueOf(executionEnvironmentSeconds).divide(SECONDS_PER_HOUR, HOURS_SCALE, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal usd(BigDecimal instanceHours, InstanceHourPricing pricing) {
        return instanceHours.multiply(pricing.usdPerInstanceHour()).setScale(USD_SCALE, RoundingMode.HALF_EVEN);
    }
}

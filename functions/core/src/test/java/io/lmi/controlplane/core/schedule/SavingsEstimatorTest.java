package io.lmi.controlplane.core.schedule;

import static io.lmi.controlplane.core.schedule.TestSchedules.parse;
import static io.lmi.controlplane.core.schedule.TestSchedules.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SavingsEstimatorTest {
    private static final Instant MONDAY = Instant.parse("2026-12-07T00:00:00Z");
    private static final Instant NEXT_MONDAY = Instant.parse("2026-12-14T00:00:00Z");
    private static final ValidatedSchedule BUSINESS_WEEK = parse(yaml("UTC", """
            periods:
              - {name: business-hours, days: [MON, TUE, WED, THU, FRI], start: "08:00", end: "18:00", min: 10, max: 50}
            """));

    @Test
    void againstThePeakFloor_shouldCountTheHoursTheScheduleLowersIt() {
        SavingsEstimate estimate = SavingsEstimator.estimate(BUSINESS_WEEK, MONDAY, NEXT_MONDAY,
                new SavingsBaseline.PeakRecurringFloor(), Optional.empty());

        // 168 h at 3, plus 5 x 10 h raised by 7: 504 + 350
        assertThat(estimate.scheduledExecutionEnvironmentHours()).isEqualByComparingTo("854");
        assertThat(estimate.baselineFloor()).isEqualTo(10);
        assertThat(estimate.baselineExecutionEnvironmentHours()).isEqualByComparingTo("1680");
        assertThat(estimate.savedExecutionEnvironmentHours()).isEqualByComparingTo("826");
        assertThat(estimate.dollars()).isEmpty();
    }

    @Test
    void withPricing_shouldConvertToInstanceHoursAndDollars() {
        InstanceHourPricing pricing = new InstanceHourPricing(new BigDecimal("2"), new BigDecimal("0.18768"));

        SavingsEstimate.Dollars dollars = SavingsEstimator.estimate(BUSINESS_WEEK, MONDAY, NEXT_MONDAY,
                new SavingsBaseline.PeakRecurringFloor(), Optional.of(pricing)).dollars().orElseThrow();

        assertThat(dollars.scheduledInstanceHours()).isEqualByComparingTo("427");
        assertThat(dollars.baselineInstanceHours()).isEqualByComparingTo("840");
        assertThat(dollars.scheduledUsd()).isEqualByComparingTo("80.14");
        assertThat(dollars.baselineUsd()).isEqualByComparingTo("157.65");
        assertThat(dollars.savedUsd()).isEqualByComparingTo("77.51");
    }

    @Test
    void againstAFlatFloorBelowTheSchedule_shouldReportANegativeSaving() {
        SavingsEstimate estimate = SavingsEstimator.estimate(BUSINESS_WEEK, MONDAY, NEXT_MONDAY,
                new SavingsBaseline.Flat(3), Optional.empty());

        assertThat(estimate.savedExecutionEnvironmentHours()).isEqualByComparingTo("-350");
        assertThat(estimate.baseline()).isEqualTo("a flat floor of 3");
    }

    @Test
    void deactivatedHours_shouldCostNothing() {
        ValidatedSchedule weekdaysOnly = parse("""
                function: reports
                qualifier: "3"
                environment: non-production
                timezone: UTC
                default: {min: 0, max: 0}
                periods:
                  - {name: weekdays, days: [MON, TUE, WED, THU, FRI], start: "00:00", end: "24:00", min: 2, max: 4}
                """);

        SavingsEstimate estimate = SavingsEstimator.estimate(weekdaysOnly, MONDAY, NEXT_MONDAY,
                new SavingsBaseline.PeakRecurringFloor(), Optional.empty());

        assertThat(estimate.scheduledExecutionEnvironmentHours()).isEqualByComparingTo("240");
        assertThat(estimate.baselineExecutionEnvironmentHours()).isEqualByComparingTo("336");
    }

    @Test
    void pricing_shouldRefuseImpossibleInputs() {
        assertThatThrownBy(() -> new InstanceHourPricing(BigDecimal.ZERO, BigDecimal.ONE))
                .hasMessageContaining("execution environments per instance must be positive");
        assertThatThrownBy(() -> new InstanceHourPricing(BigDecimal.ONE, new BigDecimal("-0.1")))
                .hasMessageContaining("cannot be negative");
    }
}

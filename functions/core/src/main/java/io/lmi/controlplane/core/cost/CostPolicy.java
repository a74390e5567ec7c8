package io.lmi.controlplane.core.cost;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * How costs are computed and which savings options a report shows. Every value is a default that a caller can replace.
 *
 * @param hoursPerMonth 730: the hours AWS and the LMI pricing calculator use for a month (365 x 24 / 12)
 * @param monthsPerYear 12, for annual totals
 * @param includeLambdaFreeTier false: the free tier is per account, not per function, so by default a function is
 *     priced as if the account had already used it
 * @param discountedHourlyRateScale null (exact) by default. When set, a discounted EC2 hourly rate is rounded HALF_UP
 *     to this many decimals before it is multiplied by hours, as AWS does when it quotes a Savings Plans rate per hour:
 *     the Lambda pricing page's LMI example turns 0.1632 x 0.28 = 0.045696 into $0.0457/h. The LMI pricing
 *     calculator does not round, so exact is the default.
 * @param savingsOptions the commitment discounts to show beside on demand, see {@link #calculatorSavingsOptions()}
 * @param computeBreakEven true by default; the search walks up to a capacity provider's largest fleet, a few hundred
 *     milliseconds when LMI never breaks even, so bulk callers that only need the monthly figures can turn it off
 *     (the break-even fields are then null)
 */
public record CostPolicy(
        int hoursPerMonth,
        int monthsPerYear,
        boolean includeLambdaFreeTier,
        Integer discountedHourlyRateScale,
        List<SavingsOption> savingsOptions,
        boolean computeBreakEven) {

    public static final int DEFAULT_HOURS_PER_MONTH = 730;
    public static final int DEFAULT_MONTHS_PER_YEAR = 12;

    public CostPolicy {
        if (hoursPerMonth <= 0 || monthsPerYear <= 0) {
            throw new IllegalArgumentException("hoursPerMonth and monthsPerYear must be > 0");
        }
        if (discountedHourlyRateScale != null && discountedHourlyRateScale < 0) {
            throw new IllegalArgumentException("discountedHourlyRateScale must be >= 0 or null for exact");
        }
        savingsOptions = List.copyOf(Objects.requireNonNull(savingsOptions, "savingsOptions"));
        long distinct = savingsOptions.stream().map(SavingsOption::id).distinct().count();
        if (distinct != savingsOptions.size()) {
            throw new IllegalArgumentException("savings option ids must be unique: " + savingsOptions);
        }
    }

    public static CostPolicy defaults() {
        return new CostPolicy(DEFAULT_HOURS_PER_MONTH, DEFAULT_MONTHS_PER_YEAR, false, null,
                calculatorSavingsOptions(), true);
    }

    /**
     * The discount table of the AWS LMI pricing calculator (CALCULATOR_METHODOLOGY.md, "Savings Plans &amp;
     * Discounts"; calculator.js SAVINGS_PLANS): Compute SP 1 year 32% and 3 years 65% on EC2, 12% on Lambda duration;
     * EC2 Instance SP 1 year 32%; RI 3 years 65%.
     *
     * <p>Chosen over the seed skill's figures (Lambda ~17%, LMI 1 year 40-50%, 3 years 60-72%) because they are one
     * consistent set from the tool whose sizing method this engine ports, they are point values rather than ranges,
     * and they sit at the conservative end: the skill's numbers are "up to" maxima, and overstating commitment savings
     * would tilt every recommendation towards migrating. AWS's own worked example (72% for a 3-year Compute SP on
     * m7g.xlarge) is reachable with a custom rate.
     */
    public static List<SavingsOption> calculatorSavingsOptions() {
        String basis = "AWS LMI pricing calculator discount table (CALCULATOR_METHODOLOGY.md)";
        return List.of(
                new SavingsOption("computeSavingsPlan", "Lambda + Compute Savings Plan",
                        SavingsOption.SavingsTarget.LAMBDA_DURATION, new BigDecimal("0.12"), basis),
                new SavingsOption("computeSavingsPlan1yr", "LMI + Compute Savings Plan 1yr",
                        SavingsOption.SavingsTarget.LMI_EC2, new BigDecimal("0.32"), basis),
                new SavingsOption("computeSavingsPlan3yr", "LMI + Compute Savings Plan 3yr",
                        SavingsOption.SavingsTarget.LMI_EC2, new BigDecimal("0.65"), basis),
                new SavingsOption("ec2InstanceSavingsPlan1yr", "LMI + EC2 Instance Savings Plan 1yr",
                        SavingsOption.SavingsTarget.LMI_EC2, new BigDecimal("0.32"), basis),
                new SavingsOption("reservedInstance3yr", "LMI + Reserved Instances 3yr",
                        SavingsOption.SavingsTarget.LMI_EC2, new BigDecimal("0.65"), basis));
    }

    public CostPolicy withLambdaFreeTier(boolean include) {
        return new CostPolicy(hoursPerMonth, monthsPerYear, include, discountedHourlyRateScale, savingsOptions,
                computeBreakEven);
    }

    public CostPolicy withDiscountedHourlyRateScale(Integer scale) {
        return new CostPolicy(hoursPerMonth, monthsPerYear, includeLambdaFreeTier, scale, savingsOptions,
                computeBreakEven);
    }

    public CostPolicy withSavingsOptions(List<SavingsOption> options) {
        return new CostPolicy(hoursPerMonth, monthsPerYear, includeLambdaFreeTier, discountedHourlyRateScale, options,
                computeBreakEven);
    }

    public CostPolicy withBreakEven(boolean compute) {
        return new CostPolicy(hoursPerMonth, monthsPerYear, includeLambdaFreeTier, discountedHourlyRateScale,
                savingsOptions, compute);
    }

    public BigDecimal secondsPerMonth() {
        return BigDecimal.valueOf(hoursPerMonth).multiply(BigDecimal.valueOf(3600));
    }
}

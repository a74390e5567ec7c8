package io.lmi.controlplane.core.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * LMI monthly charges, the three parts AWS bills (lmi-api-and-pricing.md 6.2): EC2 instance hours at the rate after
 * any commitment discount, the management fee at a share of the on-demand price (never discounted), and requests.
 * There is no duration charge. Exact arithmetic, except the optional rounding of a discounted hourly rate
 * ({@link CostPolicy#discountedHourlyRateScale()}).
 */
public final class LmiPricing {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private LmiPricing() {}

    /**
     * @param ec2OnDemandUsd what the instance hours cost at the on-demand price (the fee's base)
     * @param ec2Usd what they cost after the discount
     * @param hourlyRateUsd the EC2 rate per instance-hour actually charged
     */
    public record Charges(BigDecimal instanceHours, BigDecimal hourlyRateUsd, BigDecimal ec2OnDemandUsd,
            BigDecimal ec2Usd, BigDecimal managementFeeUsd, BigDecimal requestsUsd) {

        public BigDecimal totalUsd() {
            return ec2Usd.add(managementFeeUsd).add(requestsUsd);
        }
    }

    /**
     * The EC2 rate per instance-hour after a discount, rounded only if the policy says so and only when there is a
     * discount: the on-demand price is the published price and stays as it is. Rounding a tiny discount of a price
     * with more decimals than the scale could land above the on-demand price, so the result is capped there.
     */
    public static BigDecimal discountedHourlyRate(BigDecimal onDemandHourlyUsd, BigDecimal discountRate,
            Integer rateScale) {
        if (discountRate.signum() == 0) {
            return onDemandHourlyUsd;
        }
        BigDecimal rate = onDemandHourlyUsd.multiply(BigDecimal.ONE.subtract(discountRate));
        return rateScale == null ? rate : rate.setScale(rateScale, RoundingMode.HALF_UP).min(onDemandHourlyUsd);
    }

    public static Charges monthly(BigDecimal onDemandHourlyUsd, BigDecimal instanceHours, long requests,
            PriceTable.LmiPrices prices, BigDecimal ec2DiscountRate, Integer rateScale) {
        BigDecimal rate = discountedHourlyRate(onDemandHourlyUsd, ec2DiscountRate, rateScale);
        BigDecimal ec2OnDemand = instanceHours.multiply(onDemandHourlyUsd);
        BigDecimal fee = ec2OnDemand.multiply(prices.managementFeeRate());
        BigDecimal requestsUsd = BigDecimal.valueOf(requests).multiply(prices.requestPricePerMillionUsd()).divide(MILLION);
        return new Charges(instanceHours, rate, ec2OnDemand, instanceHours.multiply(rate), fee, requestsUsd);
    }

    /** The part of the monthly bill that does not depend on requests: EC2 after discount plus the fee. */
    public static BigDecimal capacityCost(BigDecimal onDemandHourlyUsd, BigDecimal instanceHours,
            PriceTable.LmiPrices prices, BigDecimal ec2DiscountRate, Integer rateScale) {
        BigDecimal rate = discountedHourlyRate(onDemandHourlyUsd, ec2DiscountRate, rateScale);
        return instanceHours.multiply(rate.add(onDemandHourlyUsd.multiply(prices.managementFeeRate())));
    }
}

package io.lmi.controlplane.core.cost;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A commitment discount: a share taken off Lambda duration or off the EC2 part of LMI. It never touches requests, and
 * never the LMI management fee, which AWS charges on the on-demand price whatever discount applies
 * (lmi-api-and-pricing.md 6.2 and 6.3).
 *
 * @param id stable JSON identifier of the entry (computeSavingsPlan3yr)
 * @param discountRate share off, in [0, 1)
 * @param basis where the default rate comes from, or "given" for a caller's own rate
 */
public record SavingsOption(String id, String name, SavingsTarget target, BigDecimal discountRate, String basis) {

    /** What a savings option discounts. */
    public enum SavingsTarget {
        /** Standard Lambda: Compute Savings Plans discount duration only. */
        LAMBDA_DURATION,
        /** LMI: Compute SP, EC2 Instance SP and RIs discount the EC2 instance price only. */
        LMI_EC2
    }

    public SavingsOption {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(discountRate, "discountRate");
        if (discountRate.signum() < 0 || discountRate.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("discount rate of " + id + " must be in [0, 1), e.g. 0.72 for 72%; was "
                    + discountRate.toPlainString());
        }
    }

    /** A caller's own Lambda duration discount (CLI --lambda-discount-rate). */
    public static SavingsOption customLambda(BigDecimal rate) {
        return new SavingsOption("customLambdaDiscount", "Lambda, custom duration discount " + percent(rate),
                SavingsTarget.LAMBDA_DURATION, rate, "given");
    }

    /** A caller's own EC2 discount for LMI (CLI --ec2-discount-rate). */
    public static SavingsOption customEc2(BigDecimal rate) {
        return new SavingsOption("customEc2Discount", "LMI, custom EC2 discount " + percent(rate),
                SavingsTarget.LMI_EC2, rate, "given");
    }

    private static String percent(BigDecimal rate) {
        return rate.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}

package io.lmi.controlplane.core.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class LambdaPricingTest {
    private static final PriceTable T = PriceBook.bundled().forRegion("us-east-1");

    @Test
    void durationCrossesTheX86Tiers() {
        // 7e9 GB-s: 6e9 x 0.0000166667 = 100,000.2 + 1e9 x 0.000015 = 15,000 -> 115,000.2
        assertThat(LambdaPricing.durationCost(T.lambdaPrices(Architecture.X86_64).durationTiers(),
                new BigDecimal("7000000000"))).isEqualByComparingTo("115000.2");
        // 16e9: 100,000.2 + 9e9 x 0.000015 = 135,000 + 1e9 x 0.0000133334 = 13,333.4 -> 248,333.6
        assertThat(LambdaPricing.durationCost(T.lambdaPrices(Architecture.X86_64).durationTiers(),
                new BigDecimal("16000000000"))).isEqualByComparingTo("248333.6");
    }

    @Test
    void durationCrossesTheArmTiers() {
        // 20e9: 7.5e9 x 0.0000133334 = 100,000.5 + 11.25e9 x 0.0000120001 = 135,001.125
        //   + 1.25e9 x 0.0000106667 = 13,333.375 -> 248,335.0
        assertThat(LambdaPricing.durationCost(T.lambdaPrices(Architecture.ARM64).durationTiers(),
                new BigDecimal("20000000000"))).isEqualByComparingTo("248335.0");
    }

    @Test
    void gbSecondsAreExact() {
        // 3 x 0.0011 s x 0.125 GB
        assertThat(LambdaPricing.gbSeconds(3, new BigDecimal("1.1"), 128)).isEqualByComparingTo("0.0004125");
    }

    @Test
    void freeTierIsSubtractedOnlyWhenGiven() {
        PriceTable.LambdaArchitecturePrices x86 = T.lambdaPrices(Architecture.X86_64);
        // 2M requests x 1 s x 1 GB = 2,000,000 GB-s
        LambdaPricing.Charges without = LambdaPricing.monthly(x86, null, 2_000_000, new BigDecimal("1000"), 1024);
        LambdaPricing.Charges with = LambdaPricing.monthly(x86, T.lambda().freeTier(), 2_000_000,
                new BigDecimal("1000"), 1024);

        assertThat(without.requestsUsd()).isEqualByComparingTo("0.40");
        assertThat(without.durationUsd()).isEqualByComparingTo("33.3334");
        assertThat(with.billableRequests()).isEqualTo(1_000_000);
        assertThat(with.requestsUsd()).isEqualByComparingTo("0.20");
        // 1,600,000 GB-s x 0.0000166667 = 26.66672
        assertThat(with.billableGbSeconds()).isEqualByComparingTo("1600000");
        assertThat(with.durationUsd()).isEqualByComparingTo("26.66672");

        LambdaPricing.Charges small = LambdaPricing.monthly(x86, T.lambda().freeTier(), 1000, new BigDecimal("10"), 128);
        assertThat(small.totalUsd()).isEqualByComparingTo("0");
    }

    @Test
    void aSavingsPlanDiscountsDurationOnly() {
        LambdaPricing.Charges c = LambdaPricing.monthly(T.lambdaPrices(Architecture.X86_64), null, 1_000_000,
                new BigDecimal("1000"), 1024);
        assertThat(LambdaPricing.discountedDuration(c, new BigDecimal("0.12")))
                .isEqualByComparingTo(c.durationUsd().multiply(new BigDecimal("0.88")));
    }
}

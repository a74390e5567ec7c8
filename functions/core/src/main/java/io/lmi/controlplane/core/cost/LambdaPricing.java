package io.lmi.controlplane.core.cost;

import java.math.BigDecimal;
import java.util.List;

/**
 * Standard Lambda ("Lambda default") monthly charges: requests plus duration in GB-seconds, priced through the
 * architecture's tiers. Exact arithmetic; nothing is rounded here.
 *
 * <p>Modelling choices (docs/cost-model.md): the tiers apply to the function's GB-seconds as if it were the account's
 * only Lambda usage in the region; the average duration stands in for per-invocation durations (AWS rounds each up to
 * 1 ms); the free tier is subtracted only when asked.
 */
public final class LambdaPricing {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal MS_PER_SECOND = BigDecimal.valueOf(1000);
    private static final BigDecimal MB_PER_GB = BigDecimal.valueOf(1024);

    private LambdaPricing() {}

    /**
     * @param gbSeconds duration billed in the month, before the free tier
     * @param billableGbSeconds after the free tier, if applied
     */
    public record Charges(BigDecimal gbSeconds, BigDecimal billableGbSeconds, long billableRequests,
            BigDecimal requestsUsd, BigDecimal durationUsd) {

        public BigDecimal totalUsd() {
            return requestsUsd.add(durationUsd);
        }
    }

    /** requests x duration (s) x memory (GB, MB / 1024): exact, since both divisors give terminating decimals. */
    public static BigDecimal gbSeconds(long requests, BigDecimal avgDurationMs, int memoryMb) {
        return BigDecimal.valueOf(requests)
                .multiply(avgDurationMs)
                .multiply(BigDecimal.valueOf(memoryMb))
                .divide(MS_PER_SECOND.multiply(MB_PER_GB));
    }

    /**
     * @param freeTier null to ignore the free tier
     */
    public static Charges monthly(PriceTable.LambdaArchitecturePrices prices, PriceTable.FreeTier freeTier,
            long requests, BigDecimal avgDurationMs, int memoryMb) {
        BigDecimal gbSeconds = gbSeconds(requests, avgDurationMs, memoryMb);
        long billableRequests = requests;
        BigDecimal billableGbSeconds = gbSeconds;
        if (freeTier != null) {
            billableRequests = Math.max(0, requests - freeTier.requests());
            billableGbSeconds = gbSeconds.subtract(freeTier.gbSeconds()).max(BigDecimal.ZERO);
        }
        BigDecimal requestsUsd = BigDecimal.valueOf(billableRequests)
                .multiply(prices.requestPricePerMillionUsd())
                .divide(MILLION);
        return new Charges(gbSeconds, billableGbSeconds, billableRequests, requestsUsd,
                durationCost(prices.durationTiers(), billableGbSeconds));
    }

    /** Walks the tiers: each GB-second is priced by the tier its cumulative position falls in. */
    public static BigDecimal durationCost(List<PriceTable.DurationTier> tiers, BigDecimal gbSeconds) {
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal lowerBound = BigDecimal.ZERO;
        for (PriceTable.DurationTier tier : tiers) {
            if (gbSeconds.compareTo(lowerBound) <= 0) {
                break;
            }
            BigDecimal upper = tier.upToGbSeconds() == null ? gbSeconds : tier.upToGbSeconds().min(gbSeconds);
            cost = cost.add(upper.subtract(lowerBound).multiply(tier.pricePerGbSecondUsd()));
            if (tier.upToGbSeconds() == null) {
                break;
            }
            lowerBound = tier.upToGbSeconds();
        }
        return cost;
    }

    /** A Compute Savings Plan takes its share off duration only; requests stay at the on-demand price. */
    public static BigDecimal discountedDuration(Charges onDemand, BigDecimal discountRate) {
        return onDemand.durationUsd().multiply(BigDecimal.ONE.subtract(discountRate));
    }
}

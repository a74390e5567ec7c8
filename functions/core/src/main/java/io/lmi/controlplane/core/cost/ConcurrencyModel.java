package io.lmi.controlplane.core.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How target concurrency follows monthly request volume: concurrency = requests x numerator / denominator, kept as an
 * exact ratio so that the execution environments needed, and the largest volume a given number of environments can
 * carry, are computed without rounding error (sizing steps at those boundaries, and break-even lands on them).
 */
public record ConcurrencyModel(BigDecimal numerator, BigDecimal denominator, BigDecimal fixedConcurrency, String basis) {

    public static final String LITTLES_LAW = "littles-law";
    public static final String MEASURED_PEAK = "measured-peak";

    /**
     * Little's law: average concurrency = arrival rate x average duration. With requests per month R, a month of
     * {@code secondsPerMonth} and duration d ms: R x d x peakFactor / (secondsPerMonth x 1000).
     */
    public static ConcurrencyModel littlesLaw(BigDecimal avgDurationMs, BigDecimal peakFactor, BigDecimal secondsPerMonth) {
        return new ConcurrencyModel(avgDurationMs.multiply(peakFactor),
                secondsPerMonth.multiply(BigDecimal.valueOf(1000)), null, LITTLES_LAW);
    }

    /**
     * A measured peak at a known volume; at other volumes it scales in proportion (twice the traffic, twice the peak),
     * which is what the break-even search needs. At a volume of zero there is nothing to scale from, so the peak stays
     * fixed.
     */
    public static ConcurrencyModel measuredPeak(BigDecimal peakConcurrency, long atRequestsPerMonth) {
        if (atRequestsPerMonth <= 0) {
            return new ConcurrencyModel(BigDecimal.ZERO, BigDecimal.ONE, peakConcurrency, MEASURED_PEAK);
        }
        return new ConcurrencyModel(peakConcurrency, BigDecimal.valueOf(atRequestsPerMonth), null, MEASURED_PEAK);
    }

    public boolean scalesWithVolume() {
        return fixedConcurrency == null && numerator.signum() > 0;
    }

    /** For display; sizing itself uses {@link #environmentsNeeded(long, long)}. */
    public BigDecimal targetConcurrency(long requestsPerMonth) {
        if (fixedConcurrency != null) {
            return fixedConcurrency;
        }
        return BigDecimal.valueOf(requestsPerMonth).multiply(numerator).divide(denominator, MathContext.DECIMAL128);
    }

    /** ceil(target concurrency / concurrency per environment), exactly. */
    public long environmentsNeeded(long requestsPerMonth, long concurrencyPerEnvironment) {
        BigDecimal perEnv = BigDecimal.valueOf(concurrencyPerEnvironment);
        if (fixedConcurrency != null) {
            return fixedConcurrency.divide(perEnv, 0, RoundingMode.CEILING).longValueExact();
        }
        BigDecimal top = BigDecimal.valueOf(requestsPerMonth).multiply(numerator);
        return top.divide(denominator.multiply(perEnv), 0, RoundingMode.CEILING).longValueExact();
    }

    /**
     * The largest monthly volume that needs no more than {@code environments} environments, or
     * {@link Long#MAX_VALUE} when the need does not grow with volume.
     */
    public long maxRequestsWithin(long environments, long concurrencyPerEnvironment) {
        if (!scalesWithVolume()) {
            return Long.MAX_VALUE;
        }
        BigDecimal top = BigDecimal.valueOf(environments).multiply(BigDecimal.valueOf(concurrencyPerEnvironment))
                .multiply(denominator);
        BigDecimal max = top.divide(numerator, 0, RoundingMode.FLOOR);
        return max.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : max.longValueExact();
    }
}

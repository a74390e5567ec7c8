package io.lmi.controlplane.core.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Break-even volume: the smallest whole number of requests per month at which an LMI option costs no more than Lambda
 * on demand, for the same function shape.
 *
 * <p>LMI cost is a step function of volume (the fleet grows in whole instances) plus requests; Lambda cost is
 * piecewise linear (tiers, and the free tier when included). So the volumes where LMI is cheaper need not form one
 * interval, and "the" break-even is defined as the smallest such volume. The solver walks the fleet's steps in order
 * of volume; inside a step both sides are linear between the Lambda curve's kinks, so the first volume where the
 * difference turns non-negative is found exactly, with no numeric tolerance. The walk ends at the caller's last
 * step (for a sized fleet: the largest fleet one capacity provider may hold); no break-even up to there is reported
 * as empty.
 */
public final class BreakEvenSolver {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private BreakEvenSolver() {}

    /** A range of volumes (inclusive) over which the fleet, and so the capacity cost, stays the same. */
    public record Step(long fromRequests, long toRequests, BigDecimal instanceHours) {
        public Step {
            if (fromRequests < 0 || toRequests < fromRequests) {
                throw new IllegalArgumentException("bad step [" + fromRequests + ", " + toRequests + "]");
            }
        }
    }

    /** Lambda on-demand monthly cost as a function of volume, with the volumes where its slope changes. */
    public interface LambdaCurve {
        BigDecimal costAt(long requests);

        /** Volumes (not necessarily whole) where the cost's slope changes. */
        List<BigDecimal> kinks();
    }

    /** The Lambda curve of one function shape under one region's prices. */
    public static LambdaCurve lambdaCurve(PriceTable.LambdaArchitecturePrices prices, PriceTable.FreeTier freeTier,
            BigDecimal avgDurationMs, int memoryMb) {
        BigDecimal gbPerRequest = LambdaPricing.gbSeconds(1, avgDurationMs, memoryMb);
        List<BigDecimal> kinks = new ArrayList<>();
        BigDecimal freeGbSeconds = freeTier == null ? BigDecimal.ZERO : freeTier.gbSeconds();
        if (freeTier != null) {
            kinks.add(BigDecimal.valueOf(freeTier.requests()));
            kinks.add(freeGbSeconds.divide(gbPerRequest, MathContext.DECIMAL128));
        }
        for (PriceTable.DurationTier tier : prices.durationTiers()) {
            if (tier.upToGbSeconds() != null) {
                kinks.add(tier.upToGbSeconds().add(freeGbSeconds).divide(gbPerRequest, MathContext.DECIMAL128));
            }
        }
        return new LambdaCurve() {
            @Override
            public BigDecimal costAt(long requests) {
                return LambdaPricing.monthly(prices, freeTier, requests, avgDurationMs, memoryMb).totalUsd();
            }

            @Override
            public List<BigDecimal> kinks() {
                return List.copyOf(kinks);
            }
        };
    }

    /**
     * @param steps the fleet's steps in increasing volume, contiguous or not; the last may end at Long.MAX_VALUE
     * @param capacityCostPerInstanceHour per option: EC2 rate after its discount plus the management fee per hour
     * @return per option, the break-even volume, or empty when none exists within the steps
     */
    public static List<OptionalLong> solve(LambdaCurve lambda, Iterator<Step> steps,
            BigDecimal lmiRequestPricePerMillionUsd, List<BigDecimal> capacityCostPerInstanceHour) {
        int options = capacityCostPerInstanceHour.size();
        long[] found = new long[options];
        java.util.Arrays.fill(found, -1);
        int open = options;
        while (open > 0 && steps.hasNext()) {
            Step step = steps.next();
            List<Long> points = boundaries(step, lambda.kinks());
            List<BigDecimal> margin = new ArrayList<>(points.size());
            for (long r : points) {
                margin.add(lambdaMinusLmiRequests(lambda, lmiRequestPricePerMillionUsd, r));
            }
            for (int o = 0; o < options; o++) {
                if (found[o] >= 0) {
                    continue;
                }
                BigDecimal capacity = step.instanceHours().multiply(capacityCostPerInstanceHour.get(o));
                long r = firstNonNegative(points, margin, capacity, step.toRequests() == Long.MAX_VALUE, lambda,
                        lmiRequestPricePerMillionUsd);
                if (r >= 0) {
                    found[o] = r;
                    open--;
                }
            }
        }
        List<OptionalLong> out = new ArrayList<>(options);
        for (long f : found) {
            out.add(f >= 0 ? OptionalLong.of(f) : OptionalLong.empty());
        }
        return out;
    }

    /**
     * Difference Lambda - LMI at each boundary is margin(r) - capacity. Within consecutive boundaries it is linear in
     * r, so the first r where it turns non-negative follows from the two end values.
     */
    private static long firstNonNegative(List<Long> points, List<BigDecimal> margin, BigDecimal capacity,
            boolean openEnded, LambdaCurve lambda, BigDecimal lmiRequestPrice) {
        BigDecimal first = margin.get(0).subtract(capacity);
        if (first.signum() >= 0) {
            return points.get(0);
        }
        for (int i = 0; i + 1 < points.size(); i++) {
            long a = points.get(i);
            long b = points.get(i + 1);
            BigDecimal da = margin.get(i).subtract(capacity);
            BigDecimal db = margin.get(i + 1).subtract(capacity);
            if (db.signum() < 0) {
                continue;
            }
            // da < 0 <= db, linear between: smallest r = a + ceil(-da * (b - a) / (db - da)).
            BigDecimal offset = da.negate().multiply(BigDecimal.valueOf(b - a))
                    .divide(db.subtract(da), 0, RoundingMode.CEILING);
            return a + offset.longValueExact();
        }
        if (openEnded) {
            long a = points.get(points.size() - 1);
            if (a == Long.MAX_VALUE) {
                return -1;
            }
            BigDecimal da = margin.get(margin.size() - 1).subtract(capacity);
            BigDecimal slope = lambdaMinusLmiRequests(lambda, lmiRequestPrice, a + 1)
                    .subtract(margin.get(margin.size() - 1));
            if (slope.signum() <= 0) {
                return -1;
            }
            BigDecimal offset = da.negate().divide(slope, 0, RoundingMode.CEILING);
            BigDecimal r = BigDecimal.valueOf(a).add(offset);
            return r.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0 ? -1 : r.longValueExact();
        }
        return -1;
    }

    private static BigDecimal lambdaMinusLmiRequests(LambdaCurve lambda, BigDecimal lmiRequestPrice, long r) {
        return lambda.costAt(r).subtract(BigDecimal.valueOf(r).multiply(lmiRequestPrice).divide(MILLION));
    }

    /**
     * The step's ends plus the whole numbers either side of every kink inside it (one more on each side, so an
     * approximated kink cannot be misplaced); between two consecutive points both costs are linear.
     */
    private static List<Long> boundaries(Step step, List<BigDecimal> kinks) {
        TreeSet<Long> points = new TreeSet<>();
        points.add(step.fromRequests());
        long last = step.toRequests();
        for (BigDecimal k : kinks) {
            if (k.compareTo(BigDecimal.valueOf(last)) > 0) {
                continue;
            }
            long floor = k.setScale(0, RoundingMode.FLOOR).longValue();
            for (long p = floor - 1; p <= floor + 2; p++) {
                if (p > step.fromRequests() && p < last) {
                    points.add(p);
                }
            }
        }
        if (last != Long.MAX_VALUE) {
            points.add(last);
        }
        return new ArrayList<>(points);
    }
}

package io.lmi.controlplane.aws.traffic;

import io.lmi.controlplane.core.validation.InvalidRequestException;

/**
 * How two SQS mappings on one queue share it: by {@code ScalingConfig.MaximumConcurrency}, the one lever AWS gives.
 *
 * <p>The split is approximate. MaximumConcurrency caps how many invocations a mapping runs at once, not which
 * messages it receives: both mappings' pollers read the same queue, so under light load (both mappings below their
 * caps) messages divide roughly by the number of pollers, which AWS scales on its own; the caps shape the division
 * once the queue keeps both mappings busy. Each message still goes to exactly one of the two functions.
 *
 * <p>AWS allows MaximumConcurrency from 2 to 1000, so each side gets at least 2: with a small total the first step is
 * coarse (a total of 10 at 10% gives 2 and 8, that is 20%), and the two sides can add up to more than the total.
 */
public record SqsConcurrencySplit(int defaultTotal) {

    /** AWS's bounds for {@code ScalingConfig.MaximumConcurrency} (Lambda API reference, ScalingConfig). */
    public static final int MIN_CONCURRENCY = 2;
    public static final int MAX_CONCURRENCY = 1000;

    /**
     * The total to share when the original mapping has no MaximumConcurrency: then only the function's own
     * concurrency limits it, and the largest value the setting takes is the nearest stand-in.
     */
    public static final int DEFAULT_TOTAL = MAX_CONCURRENCY;

    public SqsConcurrencySplit {
        if (defaultTotal < MIN_CONCURRENCY || defaultTotal > MAX_CONCURRENCY) {
            throw InvalidRequestException.of("SQS concurrency split", "defaultTotal",
                    defaultTotal + " is outside AWS's MaximumConcurrency range",
                    "use a value from " + MIN_CONCURRENCY + " to " + MAX_CONCURRENCY);
        }
    }

    public static SqsConcurrencySplit withDefaults() {
        return new SqsConcurrencySplit(DEFAULT_TOTAL);
    }

    /**
     * The two mappings' MaximumConcurrency while {@code percentOnNew} (1-99) of the queue is meant for the new
     * function. {@code originalMaximumConcurrency} is null when the original mapping sets none.
     */
    public Split split(Integer originalMaximumConcurrency, int percentOnNew) {
        if (percentOnNew < 1 || percentOnNew > 99) {
            throw InvalidRequestException.of("SQS concurrency split", "percentOnNew",
                    percentOnNew + " is not a share the two mappings split",
                    "use 1 to 99; at 0 only the original mapping runs and at 100 only the new one");
        }
        int total = originalMaximumConcurrency == null ? defaultTotal : originalMaximumConcurrency;
        int onNew = Math.max(MIN_CONCURRENCY, (int) Math.round(total * percentOnNew / 100.0));
        int onOriginal = Math.max(MIN_CONCURRENCY, total - onNew);
        return new Split(total, Math.min(onNew, MAX_CONCURRENCY), Math.min(onOriginal, MAX_CONCURRENCY));
    }

    /** MaximumConcurrency for each mapping, and the total they were shared from. */
    public record Split(int total, int onNew, int onOriginal) {
    }
}

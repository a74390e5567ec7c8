package io.lmi.controlplane.core.rollout;

/**
 * The scaling config a new version needs before it takes a share of an alias's traffic. LMI scales asynchronously
 * and roughly doubles capacity in five minutes, so the new version must already hold the share it is about to get,
 * with headroom for the rise within a step; never below the production floor.
 *
 * <p>The share is of the old version's load: the larger of its configured minimum and the execution environments
 * its recent peak needed. The minimum alone understates a version that LMI scaled above it.
 *
 * @param headroom multiplies the share's execution environments (request field {@code headroom}, default
 *                 {@link #DEFAULT_HEADROOM})
 * @param floor    the minimum for a production version ({@link #PRODUCTION_FLOOR})
 */
public record RolloutScaling(double headroom, int floor) {
    /** Half again: a step's traffic can rise faster than LMI doubles its capacity (about five minutes). */
    public static final double DEFAULT_HEADROOM = 1.5;
    /** Below 1 the new version would not hold even its share of today's load. */
    public static final double MIN_HEADROOM = 1.0;
    /** Beyond 4x the share the extra environments cost more than a slower step would: take smaller steps instead. */
    public static final double MAX_HEADROOM = 4.0;
    /** One execution environment per Availability Zone (LMI's own default minimum is 3). */
    public static final int PRODUCTION_FLOOR = 3;

    public static final RolloutScaling DEFAULTS = new RolloutScaling(DEFAULT_HEADROOM, PRODUCTION_FLOOR);

    /** The default floor with {@code headroom}, or with {@link #DEFAULT_HEADROOM} when the request gives none. */
    public static RolloutScaling withHeadroom(Double headroom) {
        return new RolloutScaling(headroom == null ? DEFAULT_HEADROOM : headroom, PRODUCTION_FLOOR);
    }

    /** {@link #forShare(int, int, Integer, int)} when the old version's recent peak is unknown. */
    public Limits forShare(int currentMin, Integer currentMax, int percent) {
        return forShare(currentMin, 0, currentMax, percent);
    }

    /**
     * Min and max for the new version when it is to take {@code percent} of the traffic the old version serves today
     * with at least {@code currentMin} execution environments and, at its recent peak, {@code recentPeak} of them.
     */
    public Limits forShare(int currentMin, int recentPeak, Integer currentMax, int percent) {
        int load = Math.max(currentMin, recentPeak);
        int needed = (int) Math.ceil(load * (percent / 100.0) * headroom);
        int min = Math.max(floor, percent >= 100 ? Math.max(load, needed) : needed);
        Integer max = currentMax == null ? null : Math.max(currentMax, min);
        return new Limits(min, max);
    }

    public record Limits(int min, Integer max) {
    }
}

package io.lmi.controlplane.core.rollout;

/**
 * The scaling config a new version needs before it takes a share of an alias's traffic. LMI scales asynchronously
 * and roughly doubles capacity in five minutes, so the new version must already hold the share it is about to get,
 * with headroom for the rise within a step; never below the production floor.
 *
 * @param headroom multiplies the share's execution environments (default 1.5: half again, since a step's traffic can
 *                 rise faster than LMI doubles)
 * @param floor    the minimum for a production version (3: one per AZ)
 */
public record RolloutScaling(double headroom, int floor) {

    public static final RolloutScaling DEFAULTS = new RolloutScaling(1.5, 3);

    /** Min and max for the new version when it is to take {@code percent} of traffic now served by {@code currentMin}. */
    public Limits forShare(int currentMin, Integer currentMax, int percent) {
        int needed = (int) Math.ceil(currentMin * (percent / 100.0) * headroom);
        int min = Math.max(floor, percent >= 100 ? Math.max(currentMin, needed) : needed);
        Integer max = currentMax == null ? null : Math.max(currentMax, min);
        return new Limits(min, max);
    }

    public record Limits(int min, Integer max) {
    }
}

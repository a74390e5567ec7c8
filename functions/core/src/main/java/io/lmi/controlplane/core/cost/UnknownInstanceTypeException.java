package io.lmi.controlplane.core.cost;

/** The instance type is not in the region's price table, so it has no price to compute with. */
public final class UnknownInstanceTypeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String instanceType;
    private final String region;

    public UnknownInstanceTypeException(String instanceType, String region, String hint) {
        super("unknown instance type '" + instanceType + "' in the " + region + " price table" + hint);
        this.instanceType = instanceType;
        this.region = region;
    }

    public String instanceType() {
        return instanceType;
    }

    public String region() {
        return region;
    }
}

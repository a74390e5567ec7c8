package io.lmi.controlplane.core.cost;

import java.util.Collection;
import java.util.List;

/** No price table is known for the region: the engine refuses to borrow another region's prices. */
public final class UnpricedRegionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String region;

    public UnpricedRegionException(String region, Collection<String> lookedIn) {
        super("no prices for region '" + region + "' (looked in: " + String.join(", ", List.copyOf(lookedIn))
                + "); refresh them from the AWS Pricing API or pass a price table file for that region");
        this.region = region;
    }

    public String region() {
        return region;
    }
}

package io.lmi.controlplane.core.region;

import java.util.Set;

/**
 * Where Lambda Managed Instances run. Per AWS's June 2026 announcement: every commercial Region except Israel (Tel
 * Aviv), Middle East (Bahrain), Middle East (UAE) and Asia Pacific (Auckland); China and GovCloud are not covered.
 * (lmi-api-and-pricing.md 5.8.) This is data, not a law: when AWS adds a Region, remove it from the list below.
 */
public final class LmiRegions {
    static final Set<String> UNSUPPORTED = Set.of("il-central-1", "me-south-1", "me-central-1", "ap-southeast-6");

    private LmiRegions() {
    }

    public static boolean isSupported(String region) {
        return region != null && region.matches("[a-z]{2}-[a-z]+-\\d") && !UNSUPPORTED.contains(region)
                && !region.startsWith("cn-") && !region.startsWith("us-gov-") && !region.startsWith("us-iso");
    }
}

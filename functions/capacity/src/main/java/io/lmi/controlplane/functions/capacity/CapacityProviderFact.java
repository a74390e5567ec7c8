package io.lmi.controlplane.functions.capacity;

import java.time.Instant;

/** The capacity provider a migration uses, as recorded in its ledger record ("capacityProvider" fact). */
public record CapacityProviderFact(String name, String arn, boolean created, Instant waitingSince, String state) {
    public static final String FACT = "capacityProvider";
}

package io.lmi.controlplane.core.assess;

/** How much the verdict can be trusted, as Compute Optimizer grades its recommendations. */
public enum Confidence {
    HIGH,
    MEDIUM,
    LOW;

    /** One grade lower (LOW stays LOW). */
    public Confidence lower() {
        return this == HIGH ? MEDIUM : LOW;
    }
}

package io.lmi.controlplane.functions.capacity;

/** The capacity provider did not become Active; the message carries the diagnosis. */
public final class CapacityProviderNotReadyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CapacityProviderNotReadyException(String message) {
        super(message);
    }
}

package io.lmi.controlplane.local;

/** The local AWS cannot start on this machine; the message says what to install. */
public final class LocalAwsUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LocalAwsUnavailableException(String message) {
        super(message);
    }

    public LocalAwsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

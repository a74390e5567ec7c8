package io.lmi.controlplane.aws.pricing;

/** The Pricing API did not give what a complete price table needs; the message says what is missing and where. */
public final class PricingRefreshException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PricingRefreshException(String message) {
        super(message);
    }

    public PricingRefreshException(String message, Throwable cause) {
        super(message, cause);
    }
}

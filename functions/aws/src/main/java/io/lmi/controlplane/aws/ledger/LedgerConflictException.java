package io.lmi.controlplane.aws.ledger;

/** Someone else changed the record since it was read, and retrying the change did not get through. */
public final class LedgerConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LedgerConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}

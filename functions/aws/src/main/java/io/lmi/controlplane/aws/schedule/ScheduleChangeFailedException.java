package io.lmi.controlplane.aws.schedule;

/**
 * An AWS call failed while a schedule was applied, removed or moved; what had been changed was undone (the message
 * says what, and what could not be). The ledger has the request as FAILED; delivering the request again retries it.
 */
public final class ScheduleChangeFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScheduleChangeFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.lmi.controlplane.aws.schedule;

/** A stored schedule changed between reading it and writing it back; the use case undoes its changes or retries. */
public final class ScheduleConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScheduleConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.lmi.controlplane.aws.schedule;

/** Another request or version move is changing the same schedule; nothing was changed, try again shortly. */
public final class ScheduleBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScheduleBusyException(String message) {
        super(message);
    }
}

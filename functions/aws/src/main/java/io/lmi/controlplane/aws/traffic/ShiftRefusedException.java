package io.lmi.controlplane.aws.traffic;

/**
 * A trigger is not in a state this shift can act on (its mapping was deleted, a stage already runs someone else's
 * canary). Thrown before the trigger is changed; the message names the resource and what to do.
 */
public final class ShiftRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ShiftRefusedException(String message) {
        super(message);
    }
}

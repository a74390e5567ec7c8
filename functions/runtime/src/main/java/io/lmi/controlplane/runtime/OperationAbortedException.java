package io.lmi.controlplane.runtime;

import io.lmi.controlplane.core.operation.Control;
import io.lmi.controlplane.core.operation.Operation;

/**
 * A step found that someone asked to abort its operation. Steps that poll or move traffic check for it first, so an
 * abort takes effect at once and not only at the next gate; the state machines catch this error by its class name
 * and roll back as for any other abort.
 */
public final class OperationAbortedException extends RuntimeException {

    public OperationAbortedException(String message) {
        super(message);
    }

    /** Throws if an abort of {@code operation} was requested; {@code step} says what was not done because of it. */
    public static void throwIfRequested(Operation operation, String step) {
        Control control = operation.control();
        if (control != null && control.abortRequested()) {
            throw new OperationAbortedException(String.valueOf(control.abortReason()) + " (before " + step + ")");
        }
    }
}

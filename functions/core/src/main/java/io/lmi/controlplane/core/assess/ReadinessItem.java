package io.lmi.controlplane.core.assess;

import java.util.Objects;

/**
 * One readiness check: its outcome, a stable code for automation, what was found, and what to do (null when nothing).
 */
public record ReadinessItem(ReadinessStatus status, String code, String message, String fix) {
    public ReadinessItem {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static ReadinessItem pass(String code, String message) {
        return new ReadinessItem(ReadinessStatus.PASS, code, message, null);
    }

    public static ReadinessItem warn(String code, String message, String fix) {
        return new ReadinessItem(ReadinessStatus.WARN, code, message, fix);
    }

    public static ReadinessItem block(String code, String message, String fix) {
        return new ReadinessItem(ReadinessStatus.BLOCK, code, message, fix);
    }
}

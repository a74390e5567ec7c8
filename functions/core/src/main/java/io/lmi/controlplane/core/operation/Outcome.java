package io.lmi.controlplane.core.operation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Why an operation ended as it did: a stable code for automation ({@code ALARM}, {@code INVALID_REQUEST},
 * {@code FUNCTION_BUSY}, ...), a sentence for people, and the evidence (the alarm, the diagnosis, the error).
 */
public record Outcome(String code, String message, JsonNode details) {
    public static Outcome of(String code, String message) {
        return new Outcome(code, message, null);
    }
}

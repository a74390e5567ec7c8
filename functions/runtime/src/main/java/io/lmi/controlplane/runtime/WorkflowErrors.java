package io.lmi.controlplane.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.core.json.Json;

/** Reads the errors Step Functions hands to a workflow's cleanup step ({@code {"Error": ..., "Cause": ...}}). */
public final class WorkflowErrors {
    private WorkflowErrors() {
    }

    /** The Lambda error's message inside the Cause (its errorMessage), or the Cause itself. */
    public static String message(JsonNode error) {
        if (error == null || error.isNull()) {
            return "(no error recorded)";
        }
        String cause = error.path("Cause").asText("");
        try {
            JsonNode lambdaError = Json.mapper().readTree(cause);
            if (lambdaError != null && lambdaError.has("errorMessage")) {
                return lambdaError.get("errorMessage").asText();
            }
        } catch (JsonProcessingException e) {
            // Not a Lambda error document: the cause is plain text.
        }
        return cause.isEmpty() ? error.path("Error").asText("unknown error") : cause;
    }
}

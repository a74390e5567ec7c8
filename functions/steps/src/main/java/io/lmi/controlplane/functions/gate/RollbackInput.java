package io.lmi.controlplane.functions.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.core.operation.Outcome;
import io.lmi.controlplane.core.validation.Validatable;
import io.lmi.controlplane.core.validation.Validator;
import io.lmi.controlplane.runtime.WorkflowErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a workflow's rollback step is told: why it runs, with the gate's decision (an alarm, or an abort it saw) or
 * the error a Catch caught.
 *
 * @param reason ALARM (a gate failed: ends ROLLED_BACK), ABORT (requested: ABORTED), FAILURE (a step failed: FAILED)
 */
public record RollbackInput(String operationId, String reason, JsonNode error, JsonNode gate) implements Validatable {

    @Override
    public void validate() {
        Validator v = new Validator("rollback input");
        v.require("operationId", operationId, "pass $.operationId");
        v.check(Set.of("ALARM", "ABORT", "FAILURE").contains(reason), "reason", "'" + reason + "' is unknown",
                "use ALARM, ABORT or FAILURE");
        v.throwIfInvalid();
    }

    /**
     * The outcome a rollback records: why (the alarm, the abort and by whom, the failed step's error), then what it
     * restored ({@code restored}), and, when something could not be undone, what is left, never hidden.
     *
     * @param where where the traffic stood, e.g. "50% of traffic on the new function"
     */
    public Outcome outcome(Operation operation, String where, String restored, List<String> leftovers) {
        Map<String, Object> details = new LinkedHashMap<>();
        String code;
        String message;
        switch (reason) {
            case "ALARM" -> {
                code = "ALARM";
                message = "a gate alarm fired at " + where + ": " + (gate == null ? "see the timeline" : gate.path("reason").asText());
                details.put("gate", gate);
            }
            case "ABORT" -> {
                code = "ABORTED";
                message = operation.control().abortReason() != null ? operation.control().abortReason()
                        : "aborted: " + WorkflowErrors.message(error);
            }
            default -> {
                code = error == null ? "FAILED" : error.path("Error").asText("FAILED");
                message = "the step failed: " + WorkflowErrors.message(error);
                details.put("error", error);
            }
        }
        return outcome(code, message, details, restored, leftovers);
    }

    /**
     * An outcome after a cleanup: {@code code} and {@code message} say why, then what was restored; anything left
     * makes the code {@code <code>_CLEANUP_INCOMPLETE} and is named in the message and the details.
     */
    public static Outcome outcome(String code, String message, Map<String, Object> details, String restored,
                                  List<String> leftovers) {
        Map<String, Object> all = new LinkedHashMap<>(details);
        String text = message + "; " + restored;
        if (!leftovers.isEmpty()) {
            code += "_CLEANUP_INCOMPLETE";
            text += "; NOT cleaned up: " + String.join("; ", leftovers);
            all.put("leftovers", leftovers);
        }
        return new Outcome(code, text, Json.tree(all));
    }

    /** The status the operation ends in. */
    public OperationStatus endsAs() {
        return switch (reason) {
            case "ALARM" -> OperationStatus.ROLLED_BACK;
            case "ABORT" -> OperationStatus.ABORTED;
            default -> OperationStatus.FAILED;
        };
    }
}

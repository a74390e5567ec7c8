package io.lmi.controlplane.functions.watchdog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.validation.Validator;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * A "Step Functions Execution Status Change" event for an execution that ended without succeeding, as Step Functions
 * puts it on the account's default bus (https://docs.aws.amazon.com/step-functions/latest/dg/cw-events.html).
 *
 * @param input     the execution's input as it started, when the event carries it (Step Functions leaves it out,
 *                  with inputDetails.included false, when input and output together exceed EventBridge's limit)
 * @param stoppedAt when the execution ended (detail.stopDate, else the event's time, else null)
 */
public record ExecutionEnded(String executionArn, String stateMachineArn, String name, String status, String error,
                             String cause, Optional<JsonNode> input, Instant stoppedAt) {

    public static final String SOURCE = "aws.states";
    public static final String DETAIL_TYPE = "Step Functions Execution Status Change";
    /** The ends the watchdog acts on; SUCCEEDED executions ended their operation themselves (or only joined one). */
    public static final Set<String> UNSUCCESSFUL = Set.of("FAILED", "TIMED_OUT", "ABORTED");

    /** Reads and checks the event; a wrong event names the field and how the rule must be set up. */
    public static ExecutionEnded read(JsonNode event) {
        Validator v = new Validator("execution status event");
        String source = event.path("source").asText("");
        String type = event.path("detail-type").asText("");
        JsonNode detail = event.path("detail");
        String status = detail.path("status").asText("");
        v.check(SOURCE.equals(source), "source", "'" + source + "' is not " + SOURCE,
                "route only Step Functions events to the watchdog (rule pattern source: [aws.states])");
        v.check(DETAIL_TYPE.equals(type), "detail-type", "'" + type + "' is not '" + DETAIL_TYPE + "'",
                "route only execution status changes to the watchdog (rule pattern detail-type)");
        v.require("detail.executionArn", text(detail, "executionArn"), "send the event as Step Functions emits it");
        v.check(UNSUCCESSFUL.contains(status), "detail.status", "'" + status + "' is not an unsuccessful end",
                "match only statuses " + UNSUCCESSFUL + " in the rule pattern");
        v.throwIfInvalid();
        return new ExecutionEnded(text(detail, "executionArn"), text(detail, "stateMachineArn"), text(detail, "name"),
                status, text(detail, "error"), text(detail, "cause"), parse(text(detail, "input")),
                stoppedAt(detail, event));
    }

    public boolean aborted() {
        return "ABORTED".equals(status);
    }

    /** One line for the ledger: how the execution ended and, if Step Functions says, why. */
    public String describe() {
        String how = switch (status) {
            case "ABORTED" -> "was stopped (ABORTED)";
            case "TIMED_OUT" -> "timed out";
            default -> "failed";
        };
        String why = error == null && cause == null ? ""
                : " (" + (error == null ? "" : error) + (error != null && cause != null ? ": " : "")
                + (cause == null ? "" : cause) + ")";
        return "the workflow's execution " + (name == null ? executionArn : name) + " " + how + why;
    }

    /** Parses the execution's input; input that is not JSON counts as absent (it cannot name a request). */
    static Optional<JsonNode> parse(String input) {
        if (input == null || input.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Json.mapper().readTree(input));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /**
     * The request id the workflow's start step recorded for this input (StartMigrationHandler, StartRolloutHandler):
     * the request's detail.requestId, else the EventBridge event's id.
     */
    static Optional<String> requestId(JsonNode input) {
        JsonNode detail = input.get("detail");
        String fromDetail = detail == null ? null : detail.path("requestId").asText(null);
        return Optional.ofNullable(fromDetail).or(() -> Optional.ofNullable(input.path("id").asText(null)))
                .filter(id -> !id.isBlank());
    }

    private static Instant stoppedAt(JsonNode detail, JsonNode event) {
        JsonNode stop = detail.path("stopDate");
        if (stop.isNumber()) {
            return Instant.ofEpochMilli(stop.asLong());
        }
        try {
            return event.hasNonNull("time") ? Instant.parse(event.get("time").asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}

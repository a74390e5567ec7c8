package io.lmi.controlplane.functions.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.operation.Outcome;
import io.lmi.controlplane.core.validation.InvalidRequestException;
import io.lmi.controlplane.functions.gate.OperationCleanup.CleanupReport;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The status-change event as Step Functions sends it, and the outcome the watchdog records from it. */
class ExecutionEndedTest {
    private static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:migrate:abc";

    private static Map<String, Object> event(String status, Object input) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("executionArn", EXECUTION);
        detail.put("stateMachineArn", "arn:aws:states:us-east-1:123456789012:stateMachine:migrate");
        detail.put("name", "abc");
        detail.put("status", status);
        detail.put("startDate", 1_700_000_000_000L);
        detail.put("stopDate", 1_700_000_060_000L);
        detail.put("input", input);
        detail.put("error", "Operator");
        detail.put("cause", "stopped in the console");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "event-1");
        event.put("source", "aws.states");
        event.put("detail-type", "Step Functions Execution Status Change");
        event.put("time", "2023-11-14T22:14:20Z");
        event.put("detail", detail);
        return event;
    }

    @ParameterizedTest
    @ValueSource(strings = {"FAILED", "TIMED_OUT", "ABORTED"})
    void readsEveryUnsuccessfulEnd(String status) {
        ExecutionEnded ended = ExecutionEnded.read(Json.tree(event(status, "{\"id\":\"e\",\"detail\":{}}")));

        assertThat(ended.status()).isEqualTo(status);
        assertThat(ended.aborted()).isEqualTo(status.equals("ABORTED"));
        assertThat(ended.executionArn()).isEqualTo(EXECUTION);
        assertThat(ended.stoppedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_060_000L));
        assertThat(ended.describe()).contains("abc").contains("(Operator: stopped in the console)");
    }

    @Test
    @SuppressWarnings("unchecked")
    void refusesAnythingButAnUnsuccessfulEndNamingTheFieldAndTheFix() {
        Map<String, Object> succeeded = event("SUCCEEDED", null);
        assertThatThrownBy(() -> ExecutionEnded.read(Json.tree(succeeded)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("detail.status").hasMessageContaining("match only statuses");

        Map<String, Object> other = event("FAILED", null);
        other.put("source", "lmi.control-plane");
        ((Map<String, Object>) other.get("detail")).remove("executionArn");
        assertThatThrownBy(() -> ExecutionEnded.read(Json.tree(other)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("source").hasMessageContaining("detail.executionArn");
    }

    @Test
    void theRequestIdIsTheRequestsOwnElseTheEventsIdAsTheStartStepRecordsIt() {
        JsonNode withRequestId = Json.tree(Map.of("id", "event-9", "detail", Map.of("requestId", "req-1")));
        JsonNode withoutRequestId = Json.tree(Map.of("id", "event-9", "detail", Map.of("functionName", "orders")));
        JsonNode neither = Json.tree(Map.of("detail", Map.of("requestId", " ")));

        assertThat(ExecutionEnded.requestId(withRequestId)).contains("req-1");
        assertThat(ExecutionEnded.requestId(withoutRequestId)).contains("event-9");
        assertThat(ExecutionEnded.requestId(neither)).isEmpty();
    }

    @Test
    void anInputLeftOutOfTheEventOrNotJsonIsAbsentSoTheWatchdogAsksForIt() {
        assertThat(ExecutionEnded.read(Json.tree(event("ABORTED", null))).input()).isEmpty();
        assertThat(ExecutionEnded.read(Json.tree(event("ABORTED", "not json {"))).input()).isEmpty();
        assertThat(ExecutionEnded.read(Json.tree(event("ABORTED", "{\"id\":\"e\"}"))).input()).isPresent();
    }

    @Test
    void theOutcomeNamesTheExecutionsEndAndWhatIsLeft() {
        ExecutionEnded ended = ExecutionEnded.read(Json.tree(event("ABORTED", null)));

        Outcome clean = ExecutionWatchdogHandler.outcome(ended, new CleanupReport("10% of traffic on the new function",
                "every trigger is back on orders", List.of()));
        Outcome partial = ExecutionWatchdogHandler.outcome(ended, new CleanupReport("10% of traffic on the new function",
                "every trigger is back on orders", List.of("ALIAS live could not be deleted: gone")));

        assertThat(clean.code()).isEqualTo("ExecutionABORTED");
        assertThat(clean.message()).contains("was stopped (ABORTED)").contains("at 10% of traffic on the new function")
                .endsWith("; every trigger is back on orders");
        assertThat(clean.details().path("error").path("Error").asText()).isEqualTo("ExecutionABORTED");
        assertThat(clean.details().path("execution").path("executionArn").asText()).isEqualTo(EXECUTION);
        assertThat(clean.details().has("leftovers")).isFalse();
        assertThat(partial.code()).isEqualTo("ExecutionABORTED_CLEANUP_INCOMPLETE");
        assertThat(partial.message()).contains("NOT cleaned up: ALIAS live could not be deleted: gone");
        assertThat(partial.details().path("leftovers").get(0).asText()).startsWith("ALIAS live");
    }
}

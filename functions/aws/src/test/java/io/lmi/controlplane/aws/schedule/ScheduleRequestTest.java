package io.lmi.controlplane.aws.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lmi.controlplane.core.schedule.ScheduleProblem;
import io.lmi.controlplane.core.schedule.ScheduleTarget;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode event(String detail) throws Exception {
        return JSON.readTree("{\"id\": \"evt-1\", \"detail-type\": \"CapacityScheduleRequested\", \"detail\": " + detail + "}");
    }

    @Test
    void theEnvelopeIsSeparatedFromTheScheduleFields() throws Exception {
        ScheduleRequest request = ScheduleRequest.fromEvent(event("""
                {"requestId": "change-1", "requestedBy": "ana", "function": "orders", "qualifier": "7"}"""), "lambda-1");

        assertThat(request.requestId()).isEqualTo("change-1");
        assertThat(request.requestedBy()).isEqualTo("ana");
        assertThat(request.action()).isEqualTo(ScheduleRequest.Action.APPLY);
        assertThat(request.problems()).isEmpty();
        assertThat(request.scheduleTree().toString()).isEqualTo("{\"function\":\"orders\",\"qualifier\":\"7\"}");
        assertThat(request.functionName()).isEqualTo("orders");
    }

    @Test
    void withoutARequestIdTheEventIdIsUsed() throws Exception {
        assertThat(ScheduleRequest.fromEvent(event("{\"function\": \"orders\"}"), "lambda-1").requestId())
                .isEqualTo("evt-1");
        assertThat(ScheduleRequest.fromEvent(JSON.readTree("{\"detail\": {}}"), "lambda-1").requestId())
                .isEqualTo("lambda-1");
    }

    @Test
    void aBadEnvelopeIsReportedByField() throws Exception {
        ScheduleRequest request = ScheduleRequest.fromEvent(event("""
                {"requestId": "has spaces", "requestedBy": 7, "action": "delete", "function": "orders"}"""), "x");

        assertThat(request.problems()).extracting(ScheduleProblem::path)
                .containsExactly("requestId", "requestedBy", "action");
        assertThat(request.requestId()).isEqualTo("evt-1");
        assertThat(ScheduleRequest.fromEvent(JSON.readTree("{\"id\": \"e\"}"), "x").problems())
                .extracting(ScheduleProblem::path).containsExactly("detail");
    }

    @Test
    void aRemovalNamesExactlyOneScheduleAndNothingElse() throws Exception {
        ScheduleRequest byArn = ScheduleRequest.fromEvent(event("""
                {"action": "remove", "function": "arn:aws:lambda:us-east-1:123456789012:function:orders",
                 "qualifier": "7"}"""), "x");
        ScheduleRequest bySelector = ScheduleRequest.fromEvent(event("""
                {"action": "remove", "selector": {"tags": {"team": "a", "stage": "dev"}}}"""), "x");
        ScheduleRequest neither = ScheduleRequest.fromEvent(event("{\"action\": \"remove\", \"timezone\": \"UTC\"}"), "x");

        assertThat(byArn.problems()).isEmpty();
        assertThat(byArn.removalTarget()).isEqualTo(new ScheduleTarget.FunctionTarget("orders"));
        assertThat(byArn.expectedQualifier()).isEqualTo("7");
        assertThat(bySelector.removalTarget().key()).isEqualTo("tags:stage=dev,team=a");
        assertThat(neither.problems()).extracting(ScheduleProblem::path).containsExactly("timezone", "function");
    }

    @Test
    void theCliBuildsDetailsThatReadBack() {
        JsonNode apply = ScheduleRequest.applyDetail(JSON.createObjectNode().put("function", "orders"), "r-1", "ana");
        JsonNode remove = ScheduleRequest.removeDetail("orders", "$LATEST.PUBLISHED", "r-2", "ana");

        ScheduleRequest applied = ScheduleRequest.fromEvent(JSON.createObjectNode().set("detail", apply), "x");
        ScheduleRequest removed = ScheduleRequest.fromEvent(JSON.createObjectNode().set("detail", remove), "x");

        assertThat(applied.requestId()).isEqualTo("r-1");
        assertThat(applied.scheduleTree().toString()).isEqualTo("{\"function\":\"orders\"}");
        assertThat(removed.action()).isEqualTo(ScheduleRequest.Action.REMOVE);
        assertThat(removed.problems()).isEmpty();
        assertThat(removed.expectedQualifier()).isEqualTo("$LATEST.PUBLISHED");
    }

    @Test
    void storedKeysReadBackToTheirTargets() {
        ScheduleTarget selector = new ScheduleTarget.TagSelector(Map.of("team", "a", "stage", "dev"));

        assertThat(Governance.targetOf("orders")).contains(new ScheduleTarget.FunctionTarget("orders"));
        assertThat(Governance.targetOf(selector.key())).contains(selector);
        assertThat(Governance.targetOf("tags:a=b=c,d")).isEmpty();
    }

    @Test
    void theShaperBelievesAnEarlyScheduledTimeOnlyWithinTheTolerance() {
        Instant now = Instant.parse("2026-11-30T12:59:58Z");
        ShaperInput early = new ShaperInput("orders", "t", 10, 100, "2026-11-30T13:00:00Z");
        ShaperInput late = new ShaperInput("orders", "t", 10, 100, "2026-11-30T12:00:00Z");
        ShaperInput farAhead = new ShaperInput("orders", "t", 10, 100, "2026-12-30T13:00:00Z");

        assertThat(early.evaluationTime(now)).isEqualTo(Instant.parse("2026-11-30T13:00:00Z"));
        assertThat(late.evaluationTime(now)).isEqualTo(now);
        assertThat(farAhead.evaluationTime(now)).isEqualTo(now);
        assertThat(new ShaperInput("orders", "drift-check", null, null, null).isDriftCheck()).isTrue();
    }
}

package io.lmi.controlplane.functions.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lmi.controlplane.core.validation.InvalidRequestException;
import io.lmi.controlplane.local.AwsTarget;
import io.lmi.controlplane.local.RepositoryLayout;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Assess Lambda, run from the sample AssessmentRequested event as EventBridge delivers it: the assessment lands
 * in the ledger and AssessmentCompleted on the bus.
 */
@ExtendWith(LocalAwsExtension.class)
class AssessHandlerIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SeededAccount account;
    private final ControlPlaneFixture fixture;
    private final AssessHandler handler;

    AssessHandlerIntegrationTest(AwsTarget target) {
        account = SeededAccount.of(target);
        fixture = new ControlPlaneFixture(account);
        handler = new AssessHandler(fixture.controlPlane);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    /** events/assessment-requested.json for {@code function}, delivered through the bus (the envelope a target gets). */
    private JsonNode deliveredRequest(String function, String requestId) throws Exception {
        ArrayNode entries = (ArrayNode) JSON.readTree(Files.readString(RepositoryLayout.locate().events()
                .resolve("assessment-requested.json")));
        ObjectNode entry = (ObjectNode) entries.get(0);
        ObjectNode detail = (ObjectNode) JSON.readTree(entry.get("Detail").asText());
        detail.put("functionName", function);
        detail.put("requestId", requestId);
        entry.put("Detail", detail.toString());
        fixture.putEntries(entries);
        return fixture.awaitEvent("AssessmentRequested", e -> e.at("/detail/requestId").asText().equals(requestId));
    }

    private JsonNode invoke(JsonNode event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, io.lmi.controlplane.local.host.LocalContext.forFunction("assess"));
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anAssessmentRequestedEventLeavesTheAssessmentInTheLedgerAndAnnouncesIt() throws Exception {
        JsonNode event = deliveredRequest(account.steady, "req-steady");
        assertThat(event.get("source").asText()).isEqualTo("lmi.control-plane");

        JsonNode output = invoke(event);

        String id = output.get("assessmentId").asText();
        assertThat(output.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(output.get("finding").asText()).isEqualTo("RECOMMEND_LMI");
        JsonNode stored = fixture.controlPlane.ledger().document(Assessments.KIND, id).orElseThrow();
        assertThat(stored.at("/assessmentId").asText()).isEqualTo(id);
        assertThat(stored.at("/function/name").asText()).isEqualTo(account.steady);
        assertThat(stored.at("/verdict/finding").asText()).isEqualTo("RECOMMEND_LMI");
        assertThat(stored.at("/recommendation/configuration/scaling/minExecutionEnvironments").asInt())
                .isGreaterThanOrEqualTo(3);
        assertThat(stored.at("/options/windowDays").asInt()).isEqualTo(14);
        assertThat(fixture.controlPlane.ledger().documents(Assessments.KIND, account.steady)).hasSize(1);

        JsonNode completed = fixture.awaitEvent("AssessmentCompleted",
                e -> e.at("/detail/assessmentId").asText().equals(id));
        JsonNode detail = completed.get("detail");
        assertThat(detail.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(detail.get("functionName").asText()).isEqualTo(account.steady);
        assertThat(detail.get("finding").asText()).isEqualTo("RECOMMEND_LMI");
        assertThat(detail.get("reasonCodes")).extracting(JsonNode::asText)
                .containsExactly("LMI_CHEAPER", "STEADY_TRAFFIC", "HIGH_VOLUME");
        assertThat(detail.get("confidence").asText()).isIn("HIGH", "MEDIUM");
        assertThat(detail.get("requestId").asText()).isEqualTo("req-steady");
        assertThat(detail.get("requestedBy").asText()).isEqualTo("platform-team");
        assertThat(detail.at("/monthlyCost/lmiOnDemandUsd").decimalValue())
                .isLessThan(detail.at("/monthlyCost/lambdaOnDemandUsd").decimalValue());
        assertThat(detail.at("/ledger/table").asText()).isEqualTo(fixture.table);
        assertThat(detail.at("/ledger/kind").asText()).isEqualTo("ASSESSMENT");
        assertThat(detail.at("/ledger/id").asText()).isEqualTo(id);
    }

    @Test
    void aRedeliveredRequestUpdatesTheSameAssessment() throws Exception {
        JsonNode event = deliveredRequest(account.idle, "req-idle");

        String first = invoke(event).get("assessmentId").asText();
        String second = invoke(event).get("assessmentId").asText();

        assertThat(second).isEqualTo(first);
        assertThat(fixture.controlPlane.ledger().documents(Assessments.KIND, account.idle)).hasSize(1);
        assertThat(fixture.controlPlane.ledger().document(Assessments.KIND, first).orElseThrow()
                .at("/verdict/finding").asText()).isEqualTo("STAY_ON_LAMBDA");
    }

    @Test
    void aMissingFunctionIsRecordedAndAnnouncedAsFailedAndNamesTheField() throws Exception {
        JsonNode event = deliveredRequest("no-such-function", "req-missing");

        assertThatThrownBy(() -> invoke(event)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.errors()).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("functionName");
                assertThat(error.problem()).contains("no function no-such-function");
            });
        });

        JsonNode failed = fixture.awaitEvent("AssessmentCompleted",
                e -> e.at("/detail/functionName").asText().equals("no-such-function"));
        assertThat(failed.at("/detail/status").asText()).isEqualTo("FAILED");
        assertThat(failed.at("/detail/errors/0/field").asText()).isEqualTo("functionName");
        assertThat(failed.at("/detail/finding").isMissingNode() || failed.at("/detail/finding").isNull()).isTrue();
        String id = failed.at("/detail/assessmentId").asText();
        assertThat(fixture.controlPlane.ledger().document(Assessments.KIND, id).orElseThrow().at("/status").asText())
                .isEqualTo("FAILED");
    }

    @Test
    void anInvalidDetailIsRefusedBeforeAnyAwsReadAndNamesEachField() {
        ObjectNode event = JSON.createObjectNode();
        event.put("id", "evt-1");
        event.put("detail-type", "AssessmentRequested");
        event.putObject("detail").put("functionName", account.steady).put("days", 3).put("workload", "gpu");

        assertThatThrownBy(() -> invoke(event)).isInstanceOfSatisfying(InvalidRequestException.class, e ->
                assertThat(e.errors()).extracting(f -> f.field()).containsExactly("days", "workload"));
    }

    @Test
    void anotherDetailTypeIsRefused() {
        ObjectNode event = JSON.createObjectNode();
        event.put("detail-type", "MigrationRequested");
        event.putObject("detail").put("functionName", account.steady);

        assertThatThrownBy(() -> invoke(event)).isInstanceOfSatisfying(InvalidRequestException.class, e ->
                assertThat(e.errors().get(0).field()).isEqualTo("detail-type"));
    }
}

package io.lmi.controlplane.functions.assess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lmi.controlplane.core.assess.Assessment;
import io.lmi.controlplane.core.assess.AssessmentRequest;
import io.lmi.controlplane.core.assess.Confidence;
import io.lmi.controlplane.core.assess.Finding;
import io.lmi.controlplane.core.assess.ReasonCode;
import io.lmi.controlplane.core.events.AssessmentCompletedEvent;
import io.lmi.controlplane.core.events.DetailTypes;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.validation.InvalidRequestException;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Assess Lambda: an {@code AssessmentRequested} event in, the assessment in the ledger (kind ASSESSMENT) and an
 * {@code AssessmentCompleted} event on the bus out. Read-only towards the assessed function.
 *
 * <p>A request that cannot be acted on (a missing or malformed field, a function that does not exist) is recorded as
 * a FAILED assessment and announced with status FAILED, then rethrown, so the invocation counts as an error and the
 * failure is visible wherever the team watches.
 */
public final class AssessHandler extends StepHandler<JsonNode, AssessHandler.Output> {
    private static final Logger LOG = LoggerFactory.getLogger(AssessHandler.class);

    /** @param status COMPLETED or FAILED */
    public record Output(String assessmentId, String functionName, String status, Finding finding,
                         List<ReasonCode> reasonCodes, Confidence confidence) {
    }

    private final ControlPlane controlPlane;
    private final Assessments assessments;

    public AssessHandler() {
        this(ControlPlane.fromEnvironment());
    }

    AssessHandler(ControlPlane controlPlane) {
        this(controlPlane, Assessments.create(controlPlane));
    }

    AssessHandler(ControlPlane controlPlane, Assessments assessments) {
        super(JsonNode.class);
        this.controlPlane = controlPlane;
        this.assessments = assessments;
    }

    @Override
    protected Output handle(JsonNode event, StepContext context) {
        JsonNode detail = event == null ? null : event.get("detail");
        String eventId = event == null ? null : event.path("id").asText(null);
        String requestId = Optional.ofNullable(detail).map(d -> d.path("requestId").asText(null))
                .or(() -> Optional.ofNullable(eventId)).orElse(context.requestId());
        String named = Optional.ofNullable(detail).map(d -> d.path("functionName").asText(null)).orElse(null);
        String requestedBy = Optional.ofNullable(detail).map(d -> d.path("requestedBy").asText(null)).orElse(null);
        String assessmentId = Assessments.assessmentId(named == null ? "(not given)" : named, requestId);
        try {
            AssessmentRequest request = validate(event, detail);
            Assessment assessment = assessments.assessor().assess(request.name(), request.options(assessments.policy()),
                            assessmentId)
                    .orElseThrow(() -> InvalidRequestException.of("assessment request", "functionName",
                            "no function " + request.name() + " in " + controlPlane.region(),
                            "check the name and that the control plane runs in the function's Region"));
            assessments.store(assessment);
            controlPlane.events().publish(DetailTypes.ASSESSMENT_COMPLETED, AssessmentCompletedEvent.completed(
                    assessment, requestId, requestedBy, assessments.location(assessmentId), controlPlane.clock().instant()));
            LOG.info("assessed {}: {} {} ({})", assessment.function().name(), assessment.verdict().finding(),
                    assessment.verdict().reasonCodes(), assessment.verdict().confidence());
            return new Output(assessmentId, assessment.function().name(), AssessmentCompletedEvent.COMPLETED,
                    assessment.verdict().finding(), assessment.verdict().reasonCodes(), assessment.verdict().confidence());
        } catch (InvalidRequestException e) {
            recordFailure(assessmentId, named, requestId, requestedBy, e);
            throw e;
        }
    }

    private AssessmentRequest validate(JsonNode event, JsonNode detail) {
        String detailType = event == null ? null : event.path("detail-type").asText(null);
        if (detailType != null && !DetailTypes.ASSESSMENT_REQUESTED.equals(detailType)) {
            throw InvalidRequestException.of("assessment request", "detail-type", "'" + detailType + "' is not "
                    + DetailTypes.ASSESSMENT_REQUESTED, "route only AssessmentRequested events to this function");
        }
        if (detail == null || !detail.isObject()) {
            throw InvalidRequestException.of("assessment request", "detail", "is missing",
                    "put the request in the event's detail, e.g. {\"functionName\": \"orders\"}");
        }
        AssessmentRequest request = Json.convert(detail, AssessmentRequest.class, "assessment request");
        request.validate(assessments.policy());
        return request;
    }

    private void recordFailure(String assessmentId, String functionName, String requestId, String requestedBy,
                               InvalidRequestException e) {
        String name = functionName == null ? "(not given)" : functionName;
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("schemaVersion", 1);
        document.put("assessmentId", assessmentId);
        document.put("status", AssessmentCompletedEvent.FAILED);
        document.put("functionName", name);
        document.put("requestId", requestId);
        document.put("requestedBy", requestedBy);
        document.put("assessedAt", controlPlane.clock().instant().toString());
        document.put("message", e.getMessage());
        document.set("errors", Json.tree(e.errors()));
        assessments.ledger().putDocument(Assessments.KIND, assessmentId, name, AssessmentCompletedEvent.FAILED, document);
        controlPlane.events().publish(DetailTypes.ASSESSMENT_COMPLETED, AssessmentCompletedEvent.failed(assessmentId,
                name, requestId, requestedBy, e.getMessage(), e.errors(), assessments.location(assessmentId),
                controlPlane.clock().instant()));
    }
}

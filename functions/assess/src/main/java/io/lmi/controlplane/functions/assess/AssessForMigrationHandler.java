package io.lmi.controlplane.functions.assess;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.core.assess.Assessment;
import io.lmi.controlplane.core.assess.AssessmentFact;
import io.lmi.controlplane.core.assess.AssessmentOptions;
import io.lmi.controlplane.core.assess.Confidence;
import io.lmi.controlplane.core.assess.Finding;
import io.lmi.controlplane.core.assess.ReasonCode;
import io.lmi.controlplane.core.assess.Recommendation;
import io.lmi.controlplane.core.events.AssessmentCompletedEvent;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.migration.MigrationRequest;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.core.operation.Outcome;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Journal;
import io.lmi.controlplane.runtime.OperationInput;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The migration's Assess step (migrate.asl.json, state "Assess"): assesses the function of the operation, records the
 * assessment document as the operation's {@value AssessmentFact#FACT} fact, with {@code proceed} and the
 * {@code configuration} later steps apply (the request's scaling overrides already in it), stores it in the ledger,
 * and says whether the migration goes on.
 *
 * <p>It goes on when LMI is recommended, or when the request forces it and an LMI configuration exists (a runtime
 * without LMI version, or no cost to size from, cannot be forced). Otherwise the operation ends FAILED with outcome
 * NOT_RECOMMENDED. A function that no longer exists is an error: the state machine cleans up.
 */
public final class AssessForMigrationHandler extends StepHandler<OperationInput, AssessForMigrationHandler.Output> {
    public static final String STEP = "Assess";
    public static final String NOT_RECOMMENDED = "NOT_RECOMMENDED";

    /** {@code proceed} is what the state machine's "Recommended?" choice reads. */
    public record Output(boolean proceed, String assessmentId, Finding finding, List<ReasonCode> reasonCodes,
                         Confidence confidence) {
    }

    private final Journal journal;
    private final Assessments assessments;

    public AssessForMigrationHandler() {
        this(ControlPlane.fromEnvironment());
    }

    AssessForMigrationHandler(ControlPlane controlPlane) {
        this(controlPlane, Assessments.create(controlPlane));
    }

    AssessForMigrationHandler(ControlPlane controlPlane, Assessments assessments) {
        super(OperationInput.class);
        this.journal = new Journal(controlPlane);
        this.assessments = assessments;
    }

    @Override
    protected Output handle(OperationInput input, StepContext context) {
        Operation operation = journal.ledger().load(input.operationId());
        Optional<AssessmentFact> recorded = operation.fact(AssessmentFact.FACT, AssessmentFact.class);
        if (recorded.isPresent() && !operation.isActive()) {
            // A retry after this step already ended the operation: answer as it did, change nothing.
            return output(recorded.get());
        }
        MigrationRequest request = operation.request(MigrationRequest.class);
        String assessmentId = "asm-" + operation.id();
        AssessmentOptions options = AssessmentOptions.defaults().withRuntimeUpgrade(request.runtimeUpgradeAllowed());
        Assessment assessment = assessments.assessor().assess(request.functionName(), options, assessmentId)
                .orElseThrow(() -> new IllegalStateException("the function " + request.functionName()
                        + " no longer exists, so it cannot be assessed for migration"));
        Recommendation recommendation = assessment.recommendation().withScaling(request.minExecutionEnvironments(),
                request.maxExecutionEnvironments(), assessments.policy());
        Finding finding = assessment.verdict().finding();
        boolean forced = request.forceRequested();
        boolean recommended = finding == Finding.RECOMMEND_LMI;
        boolean canForce = finding != Finding.NOT_ELIGIBLE && recommendation.isAvailable();
        boolean proceed = recommended || (forced && canForce);
        String message = message(assessment, recommendation, forced, recommended, proceed);

        assessments.store(assessment);
        JsonNode document = AssessmentFact.document(assessment, proceed, forced, message, recommendation.configuration());
        AssessmentFact fact = new AssessmentFact(assessmentId, assessment.verdict(), proceed, forced, message,
                recommendation.configuration());
        Map<String, Object> details = details(assessment, fact);
        journal.step(operation.id(), STEP, message, details,
                op -> op.fact(AssessmentFact.FACT, document, journal.now()));
        if (!proceed) {
            journal.end(operation.id(), OperationStatus.FAILED, new Outcome(NOT_RECOMMENDED, message, Json.tree(details)));
        }
        return output(fact);
    }

    private static String message(Assessment a, Recommendation recommendation, boolean forced, boolean recommended,
                                  boolean proceed) {
        String verdict = a.verdict().finding() + " (" + a.verdict().reasonCodes().stream().map(Enum::name)
                .collect(Collectors.joining(", ")) + "; confidence " + a.verdict().confidence() + "): "
                + a.verdict().summary();
        if (recommended) {
            return verdict;
        }
        if (proceed) {
            return "forced despite the assessment: " + verdict;
        }
        if (!forced) {
            return verdict + " Use force to migrate anyway.";
        }
        String why = a.verdict().finding() == Finding.NOT_ELIGIBLE ? "the function is not eligible"
                : "no LMI configuration could be derived (" + String.join(" ", recommendation.explanation()) + ")";
        return "cannot migrate even with force: " + why + ". " + verdict
                + (a.verdict().reasonCodes().contains(ReasonCode.RUNTIME_UPGRADE_REQUIRED)
                ? " Set allowRuntimeUpgrade to move to the nearest LMI runtime." : "");
    }

    private Map<String, Object> details(Assessment a, AssessmentFact fact) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("assessmentId", fact.assessmentId());
        details.put("finding", fact.verdict().finding());
        details.put("reasonCodes", fact.verdict().reasonCodes());
        details.put("confidence", fact.verdict().confidence());
        details.put("proceed", fact.proceed());
        details.put("forced", fact.forced());
        if (a.costSummary() != null) {
            details.put("monthlyCost", Json.tree(AssessmentCompletedEvent.completed(a, null, null, null, a.assessedAt())
                    .monthlyCost()));
        }
        if (fact.configuration() != null) {
            details.put("configuration", fact.configuration());
        }
        details.put("ledger", assessments.location(fact.assessmentId()));
        return details;
    }

    private static Output output(AssessmentFact fact) {
        return new Output(fact.proceed(), fact.assessmentId(), fact.verdict().finding(), fact.verdict().reasonCodes(),
                fact.verdict().confidence());
    }
}

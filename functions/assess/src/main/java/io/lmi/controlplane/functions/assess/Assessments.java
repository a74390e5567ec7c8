package io.lmi.controlplane.functions.assess;

import io.lmi.controlplane.aws.assess.FunctionAssessor;
import io.lmi.controlplane.aws.ledger.Ledger;
import io.lmi.controlplane.core.assess.Assessment;
import io.lmi.controlplane.core.assess.AssessmentJson;
import io.lmi.controlplane.core.assess.AssessmentPolicy;
import io.lmi.controlplane.core.assess.Assessor;
import io.lmi.controlplane.core.cost.PriceBook;
import io.lmi.controlplane.core.events.AssessmentCompletedEvent;
import io.lmi.controlplane.runtime.ControlPlane;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** What both assess handlers share: the engine over the account, and where assessments are kept in the ledger. */
final class Assessments {
    /** The ledger kind of assessment documents ({@code Ledger.putDocument}/{@code document}/{@code documents}). */
    static final String KIND = "ASSESSMENT";

    private final ControlPlane controlPlane;
    private final FunctionAssessor assessor;

    Assessments(ControlPlane controlPlane, FunctionAssessor assessor) {
        this.controlPlane = controlPlane;
        this.assessor = assessor;
    }

    /**
     * The engine with the bundled price tables: a Lambda has no refreshed tables, so a Region without bundled prices
     * is assessed without cost (COST_NOT_COMPUTABLE).
     */
    static Assessments create(ControlPlane controlPlane) {
        Assessor engine = Assessor.withDefaults(PriceBook.bundled());
        return new Assessments(controlPlane, FunctionAssessor.create(controlPlane.clients(), engine, controlPlane.clock()));
    }

    FunctionAssessor assessor() {
        return assessor;
    }

    AssessmentPolicy policy() {
        return assessor.assessor().policy();
    }

    Ledger ledger() {
        return controlPlane.ledger();
    }

    void store(Assessment assessment) {
        ledger().putDocument(KIND, assessment.assessmentId(), assessment.function().name(),
                assessment.verdict().finding().name(), AssessmentJson.tree(assessment));
    }

    AssessmentCompletedEvent.LedgerLocation location(String assessmentId) {
        return new AssessmentCompletedEvent.LedgerLocation(ledger().tableName(), KIND, assessmentId);
    }

    /** One id per function and request: a redelivered request updates the same document instead of adding one. */
    static String assessmentId(String functionName, String requestId) {
        return "asm-" + UUID.nameUUIDFromBytes((functionName + "\n" + requestId).getBytes(StandardCharsets.UTF_8));
    }
}

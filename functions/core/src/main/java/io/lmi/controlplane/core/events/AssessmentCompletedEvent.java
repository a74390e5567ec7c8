package io.lmi.controlplane.core.events;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.lmi.controlplane.core.assess.Assessment;
import io.lmi.controlplane.core.assess.Confidence;
import io.lmi.controlplane.core.assess.CostSummary;
import io.lmi.controlplane.core.assess.Finding;
import io.lmi.controlplane.core.assess.ReasonCode;
import io.lmi.controlplane.core.cost.JsonNumbers;
import io.lmi.controlplane.core.validation.FieldError;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The detail of {@code AssessmentCompleted}: enough to alert on and to decide with, and where the whole assessment is
 * (the ledger item). {@code status} is COMPLETED with a verdict, or FAILED with the request's errors and no verdict.
 *
 * @param ledger where to read the full document: the ledger table and the item's key
 */
public record AssessmentCompletedEvent(String assessmentId, String functionName, String status, String requestId,
                                       String requestedBy, Finding finding, List<ReasonCode> reasonCodes,
                                       Confidence confidence, String summary, MonthlyCost monthlyCost,
                                       LedgerLocation ledger, String message, List<FieldError> errors, Instant at) {

    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";

    public static AssessmentCompletedEvent completed(Assessment a, String requestId, String requestedBy,
                                                     LedgerLocation ledger, Instant at) {
        return new AssessmentCompletedEvent(a.assessmentId(), a.function().name(), COMPLETED, requestId, requestedBy,
                a.verdict().finding(), a.verdict().reasonCodes(), a.verdict().confidence(), a.verdict().summary(),
                a.costSummary() == null ? null : MonthlyCost.of(a.costSummary()), ledger, null, null, at);
    }

    public static AssessmentCompletedEvent failed(String assessmentId, String functionName, String requestId,
                                                  String requestedBy, String message, List<FieldError> errors,
                                                  LedgerLocation ledger, Instant at) {
        return new AssessmentCompletedEvent(assessmentId, functionName, FAILED, requestId, requestedBy, null, null,
                null, null, null, ledger, message, errors, at);
    }

    /** The seed's four columns, monthly USD, and the saving the verdict weighed (percent; negative: LMI costs more). */
    public record MonthlyCost(
            @JsonSerialize(using = JsonNumbers.Usd.class) BigDecimal lambdaOnDemandUsd,
            @JsonSerialize(using = JsonNumbers.Usd.class) BigDecimal lambdaSavingsPlanUsd,
            @JsonSerialize(using = JsonNumbers.Usd.class) BigDecimal lmiOnDemandUsd,
            @JsonSerialize(using = JsonNumbers.Usd.class) BigDecimal lmiSavingsPlan3yrUsd,
            @JsonSerialize(using = JsonNumbers.Percent.class) BigDecimal savingsPercent) {
        static MonthlyCost of(CostSummary s) {
            return new MonthlyCost(s.lambdaOnDemandMonthlyUsd(), s.lambdaSavingsPlanMonthlyUsd(),
                    s.lmiOnDemandMonthlyUsd(), s.lmiSavingsPlan3yrMonthlyUsd(), s.savingsPercent());
        }
    }

    /** {@code Ledger.document(kind, id)} reads it; the item's key is {@code kind#id}. */
    public record LedgerLocation(String table, String kind, String id) {
    }
}

package io.lmi.controlplane.core.assess;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.lmi.controlplane.core.cost.CostReport;
import io.lmi.controlplane.core.cost.WorkloadProfile;
import io.lmi.controlplane.core.function.FunctionSnapshot;
import io.lmi.controlplane.core.traffic.ShiftMechanism;
import io.lmi.controlplane.core.traffic.Trigger;
import io.lmi.controlplane.core.traffic.TriggerKind;
import java.time.Instant;
import java.util.List;

/**
 * One function's assessment: what the CLI prints, the ledger keeps (kind ASSESSMENT) and the migration reads. Field
 * names are a contract documented in docs/assessment.md (schemaVersion 1): fields may be added, none renamed.
 *
 * @param cost        the cost engine's report, LMI priced on the recommended architecture; null when it could not
 *                    be computed ({@code costError} says why)
 * @param currentCost the report for the architecture the function has today, when the recommendation changes it
 *                    (its Lambda lines are what the function costs now); null otherwise
 * @param samSnippet  a SAM template with the recommended configuration; null without a recommendation
 */
@JsonPropertyOrder({"schemaVersion", "assessmentId", "assessedAt", "function", "options", "verdict", "costSummary",
    "readiness", "triggers", "recommendation", "traffic", "cost", "currentCost", "costError", "samSnippet"})
public record Assessment(
        int schemaVersion,
        String assessmentId,
        Instant assessedAt,
        FunctionSummary function,
        Options options,
        Verdict verdict,
        CostSummary costSummary,
        List<ReadinessItem> readiness,
        List<TriggerView> triggers,
        Recommendation recommendation,
        TrafficProfile traffic,
        CostReport cost,
        CostReport currentCost,
        String costError,
        String samSnippet) {

    public static final int SCHEMA_VERSION = 1;

    public Assessment {
        readiness = List.copyOf(readiness);
        triggers = List.copyOf(triggers);
    }

    /** The function as it was assessed. */
    public record FunctionSummary(String name, String arn, String region, String runtime, String packageType,
                                  int memoryMb, String architecture, int timeoutSeconds, boolean inVpc, int layers,
                                  String snapStart, int provisionedConcurrency, Integer reservedConcurrency,
                                  String capacityProviderArn) {
        static FunctionSummary of(FunctionSnapshot f, String region) {
            return new FunctionSummary(f.name(), f.arn(), region, f.runtime(), f.packageType(), f.memoryMb(),
                    f.architecture(), f.timeoutSeconds(), f.inVpc(), f.layers().size(), f.snapStart(),
                    f.provisionedConcurrency(), f.reservedConcurrency(), f.capacityProviderArn());
        }
    }

    /**
     * @param workload        the workload profile the cost and the configuration used
     * @param workloadAssumed true when it is the policy's assumption rather than the request's
     */
    public record Options(int windowDays, boolean allowRuntimeUpgrade, WorkloadProfile workload,
                          boolean workloadAssumed) {
    }

    /** A trigger as the assessment saw it (without the shifter's restore data). */
    public record TriggerView(TriggerKind kind, ShiftMechanism mechanism, String id, String source) {
        static TriggerView of(Trigger t) {
            return new TriggerView(t.kind(), t.mechanism(), t.id(), t.source());
        }
    }
}

package io.lmi.controlplane.functions.migration;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.aws.cloudwatch.GateAlarms;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.migration.ResidualTraffic;
import io.lmi.controlplane.core.operation.CreatedResource;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.core.operation.Outcome;
import io.lmi.controlplane.core.traffic.TriggerState;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Journal;
import io.lmi.controlplane.runtime.OperationInput;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * Every trigger now invokes the LMI function: records the migration as COMPLETED with what moved where, the cost
 * before and after as the assessment estimated it, and the original function, untouched: ready to decommission only
 * if nothing reached it after the last step moved (see {@link ResidualTraffic}), else who may still call it.
 * The gate alarms have judged their last step: they are deleted (each alarm is billed monthly), as a rollout's are
 * on promotion.
 */
public final class CompleteMigrationHandler extends StepHandler<OperationInput, Map<String, Object>> {
    private static final String ALARM = "ALARM";

    private final Journal journal;
    private final GateAlarms alarms;

    public CompleteMigrationHandler() {
        this(ControlPlane.fromEnvironment());
    }

    CompleteMigrationHandler(ControlPlane controlPlane) {
        super(OperationInput.class);
        this.journal = new Journal(controlPlane);
        this.alarms = new GateAlarms(controlPlane.clients().configure(CloudWatchClient.builder()).build());
    }

    @Override
    protected Map<String, Object> handle(OperationInput input, StepContext context) {
        Operation operation = journal.ledger().load(input.operationId());
        if (operation.status().isTerminal()) {
            return Map.of("status", operation.status().name());
        }
        LmiFunctionFact function = operation.requireFact(LmiFunctionFact.FACT, LmiFunctionFact.class);
        ShiftFact shift = operation.requireFact(ShiftFact.FACT, ShiftFact.class);
        List<String> moved = shift.triggers().stream().map(TriggerState::trigger)
                .map(t -> t.kind() + " " + t.source()).toList();
        String alarmsNote = deleteGateAlarms(operation);
        Residue residue = residue(operation, function, shift);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("movedTo", function.aliasArn());
        summary.put("version", function.version());
        summary.put("triggers", moved);
        summary.put("gateAlarms", alarmsNote);
        summary.put("original", residue.note() + (residue.invocations() == null || residue.invocations() > 0 ? ""
                : "; once you are satisfied, decommission it (and the disabled mappings or routes left pointing at it "
                + "for a fast rollback)"));
        if (residue.invocations() != null) {
            summary.put("originalInvocationsAfterTheMove", residue.invocations());
        }
        // costSummary compares the function as it runs today with LMI as recommended (cost.lambda would price
        // standard Lambda on the recommended architecture, which is not what the team pays now).
        operation.fact("assessment", JsonNode.class).map(a -> a.path("costSummary")).filter(JsonNode::isObject)
                .ifPresent(cost -> summary.put("monthlyCost", Map.of(
                        "lambdaOnDemandUsd", cost.path("lambdaOnDemandMonthlyUsd").asDouble(),
                        "lmiOnDemandUsd", cost.path("lmiOnDemandMonthlyUsd").asDouble())));
        journal.end(operation.id(), OperationStatus.COMPLETED, new Outcome("COMPLETED", "all " + moved.size()
                + " trigger(s) of " + operation.functionName() + " now invoke " + function.aliasArn() + "; "
                + residue.note(), Json.tree(summary)));
        return Map.of("status", OperationStatus.COMPLETED.name());
    }

    /** What still reached the original after the last step started ({@code invocations} null: not counted). */
    private record Residue(Long invocations, String note) {
    }

    private Residue residue(Operation operation, LmiFunctionFact function, ShiftFact shift) {
        String original = operation.functionName();
        var window = ResidualTraffic.window(shift.stepStartedAt(), journal.now());
        if (window.isEmpty()) {
            return new Residue(null, ResidualTraffic.unchecked(original, Duration.between(shift.stepStartedAt(), journal.now())));
        }
        Residue residue;
        try {
            long invocations = alarms.functionInvocations(original, window.get().from(), window.get().to());
            residue = new Residue(invocations, window.get().describe(original, function.aliasArn(), invocations));
        } catch (RuntimeException e) {
            // The move is done; a metric read that fails is reported, not a reason to undo it.
            residue = new Residue(null, original + " is untouched; its Invocations after the move could not be read ("
                    + e.getMessage() + "): check they are zero before you decommission it");
        }
        journal.step(operation.id(), "OriginalTraffic", residue.note(), residue);
        return residue;
    }

    /** Deletes the gate alarms the migration recorded; a failure is reported, not a reason to undo a finished move. */
    private String deleteGateAlarms(Operation operation) {
        List<String> names = operation.created().stream().filter(r -> ALARM.equals(r.type()))
                .map(CreatedResource::id).toList();
        String note;
        try {
            alarms.delete(names);
            journal.ledger().update(operation.id(), op -> names.forEach(name -> op.recordDeleted(ALARM, name, journal.now())));
            note = "deleted the " + names.size() + " gate alarm(s) " + names + ": the migration no longer needs them";
        } catch (RuntimeException e) {
            note = "could not delete the gate alarm(s) " + names + " (" + e.getMessage() + "): delete them with aws "
                    + "cloudwatch delete-alarms --alarm-names " + String.join(" ", names);
        }
        journal.step(operation.id(), "GateAlarms", note, Map.of("alarms", names));
        return note;
    }
}

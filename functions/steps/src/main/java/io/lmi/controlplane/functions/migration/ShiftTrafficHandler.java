package io.lmi.controlplane.functions.migration;

import io.lmi.controlplane.aws.traffic.ManualShifter;
import io.lmi.controlplane.functions.gate.GateFact;
import io.lmi.controlplane.aws.traffic.TriggerShifters;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.migration.MigrationPlan;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.traffic.ShiftMechanism;
import io.lmi.controlplane.core.traffic.ShiftTarget;
import io.lmi.controlplane.core.traffic.TrafficPlan;
import io.lmi.controlplane.core.traffic.TriggerState;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Journal;
import io.lmi.controlplane.runtime.LedgerResourceRecorder;
import io.lmi.controlplane.runtime.OperationAbortedException;
import io.lmi.controlplane.runtime.OperationInput;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Applies the next step of the plan: each trigger whose share changes at this step moves, and its new state is saved
 * before the next one moves, so that a crash in the middle leaves a record a rollback can restore exactly.
 */
public final class ShiftTrafficHandler extends StepHandler<OperationInput, Map<String, Object>> {
    private final Journal journal;
    private final TriggerShifters shifters;
    private final ControlPlane controlPlane;

    public ShiftTrafficHandler() {
        this(ControlPlane.fromEnvironment());
    }

    ShiftTrafficHandler(ControlPlane controlPlane) {
        super(OperationInput.class);
        this.controlPlane = controlPlane;
        this.journal = new Journal(controlPlane);
        this.shifters = Shifters.create(controlPlane, controlPlane.clients().configure(LambdaClient.builder()).build());
    }

    @Override
    protected Map<String, Object> handle(OperationInput input, StepContext context) {
        Operation operation = journal.ledger().load(input.operationId());
        OperationAbortedException.throwIfRequested(operation, "shifting traffic");
        MigrationPlan plan = operation.requireFact("plan", MigrationPlan.class);
        LmiFunctionFact function = operation.requireFact(LmiFunctionFact.FACT, LmiFunctionFact.class);
        TrafficPlan traffic = plan.traffic();
        List<Integer> effective = traffic.effectiveSteps();
        ShiftFact previous = operation.fact(ShiftFact.FACT, ShiftFact.class).orElse(new ShiftFact(-1, -1, 0, null,
                traffic.triggers().stream().map(t -> new TriggerState(t, 0, null)).toList(), List.of()));
        int position = previous.position() + 1;
        if (position >= effective.size()) {
            throw new IllegalStateException("every step of " + operation.id() + " has been applied already");
        }
        int stepIndex = effective.get(position);
        int percent = traffic.steps().get(stepIndex);
        ShiftTarget target = plan.target();
        LedgerResourceRecorder recorder = new LedgerResourceRecorder(journal.ledger(), operation.id(), controlPlane.clock());

        List<TriggerState> states = new ArrayList<>(previous.triggers());
        List<String> moved = new ArrayList<>();
        List<String> instructions = new ArrayList<>();
        boolean actionRequired = false;
        for (int i = 0; i < states.size(); i++) {
            TriggerState state = states.get(i);
            int wanted = traffic.percentAt(state.trigger(), stepIndex);
            if (wanted == state.percentOnNew()) {
                continue;
            }
            TriggerState shifted = shifters.forKind(state.trigger().kind()).shift(state, wanted, target, recorder);
            states.set(i, shifted);
            moved.add(state.trigger().kind() + " " + state.trigger().source() + " -> " + wanted + "%");
            if (state.trigger().mechanism() == ShiftMechanism.MANUAL) {
                actionRequired = true;
                ManualShifter.ManualNotes notes = Json.convert(shifted.notes(), ManualShifter.ManualNotes.class, "manual notes");
                instructions.add(notes.instructions().replace("%s", operation.id()));
            }
            ShiftFact partial = new ShiftFact(previous.position(), previous.stepIndex(), previous.percent(),
                    previous.stepStartedAt(), states, previous.instructions());
            journal.ledger().update(operation.id(), op -> op.fact(ShiftFact.FACT, partial, journal.now()));
        }
        ShiftFact applied = new ShiftFact(position, stepIndex, percent, journal.now(), states, instructions);
        boolean last = position == effective.size() - 1;
        journal.step(operation.id(), "Shift", "step " + (position + 1) + "/" + effective.size() + ": " + percent
                        + "% of traffic on " + function.aliasArn() + " (" + String.join("; ", moved) + ")"
                        + (actionRequired ? "; waiting for the team: " + String.join(" ", instructions) : ""), moved,
                op -> {
                    op.fact(ShiftFact.FACT, applied, journal.now());
                    op.fact(GateFact.FACT, new GateFact(function.name(), function.aliasName(), null, plan.alarmNames(),
                            plan.gates(), applied.stepStartedAt(), position, effective.size(), percent), journal.now());
                    op.traffic(percent, journal.now());
                });
        Map<String, Object> result = new HashMap<>();
        result.put("percent", percent);
        result.put("position", position);
        result.put("last", last);
        result.put("actionRequired", actionRequired);
        // The bake is a wait whose timeout is the bake time, and a timeout must be at least a second.
        result.put("bakeSeconds", Math.max(1, plan.bakeSeconds()));
        return result;
    }
}

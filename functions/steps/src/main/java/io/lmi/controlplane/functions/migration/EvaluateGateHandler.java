package io.lmi.controlplane.functions.migration;

import io.lmi.controlplane.aws.cloudwatch.GateAlarms;
import io.lmi.controlplane.core.gate.Gate;
import io.lmi.controlplane.core.gate.GateDecision;
import io.lmi.controlplane.core.migration.MigrationPlan;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Journal;
import io.lmi.controlplane.runtime.OperationInput;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * Judges a step after its bake time: the gate alarms on the new function, the traffic it received since the step
 * began, and any abort or pause request that arrived meanwhile. Never passes a step it could not judge.
 */
public final class EvaluateGateHandler extends StepHandler<OperationInput, Map<String, Object>> {
    /** The last gate decision, kept so that a person asked to decide sees why. */
    public static final String GATE_FACT = "gate";
    private final Journal journal;
    private final GateAlarms alarms;

    public EvaluateGateHandler() {
        this(ControlPlane.fromEnvironment());
    }

    EvaluateGateHandler(ControlPlane controlPlane) {
        super(OperationInput.class);
        this.journal = new Journal(controlPlane);
        this.alarms = new GateAlarms(controlPlane.clients().configure(CloudWatchClient.builder()).build());
    }

    @Override
    protected Map<String, Object> handle(OperationInput input, StepContext context) {
        Operation operation = journal.ledger().load(input.operationId());
        MigrationPlan plan = operation.requireFact("plan", MigrationPlan.class);
        ShiftFact shift = operation.requireFact(ShiftFact.FACT, ShiftFact.class);
        LmiFunctionFact function = operation.requireFact(LmiFunctionFact.FACT, LmiFunctionFact.class);
        long invocations = alarms.invocations(function.name(), function.aliasName(), shift.stepStartedAt(),
                journal.now(), plan.gates().aliasPeriodSeconds());
        GateDecision decision = Gate.decide(alarms.states(plan.alarmNames()), invocations, plan.gates().minInvocations(),
                operation.control().abortRequested(), operation.control().pauseRequested());
        int steps = plan.traffic().effectiveSteps().size();
        journal.step(operation.id(), "Gate", "step " + (shift.position() + 1) + "/" + steps + " (" + shift.percent()
                + "%): " + decision.verdict() + ", " + decision.reason(), decision,
                op -> op.fact(GATE_FACT, decision, journal.now()));
        return Map.of("verdict", decision.verdict().name(), "reason", decision.reason(), "invocations", invocations);
    }
}

package io.lmi.controlplane.functions.gate;

import io.lmi.controlplane.aws.cloudwatch.GateAlarms;
import io.lmi.controlplane.core.gate.Gate;
import io.lmi.controlplane.core.gate.GateDecision;
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
        GateFact gate = operation.requireFact(GateFact.FACT, GateFact.class);
        long invocations = alarms.invocations(gate.functionName(), gate.alias(), gate.executedVersion(),
                gate.stepStartedAt(), journal.now(), gate.gates().aliasPeriodSeconds());
        GateDecision decision = Gate.decide(alarms.states(gate.alarmNames()), invocations, gate.gates().minInvocations(),
                operation.control().abortRequested(), operation.control().pauseRequested());
        journal.step(operation.id(), "Gate", "step " + (gate.position() + 1) + "/" + gate.totalSteps() + " ("
                + gate.percent() + "%): " + decision.verdict() + ", " + decision.reason(), decision,
                op -> {
                    op.fact(GATE_FACT, decision, journal.now());
                    if (AwaitDecisionHandler.BAKE.equals(op.control().waitingFor())) {
                        op.control(op.control().stopWaiting(), journal.now());
                    }
                });
        return Map.of("verdict", decision.verdict().name(), "reason", decision.reason(), "invocations", invocations,
                "last", gate.isLast());
    }
}

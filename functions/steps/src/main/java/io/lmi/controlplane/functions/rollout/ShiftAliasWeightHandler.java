package io.lmi.controlplane.functions.rollout;

import io.lmi.controlplane.aws.lambda.LmiFunctions;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.rollout.RolloutScaling;
import io.lmi.controlplane.functions.gate.GateFact;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Journal;
import io.lmi.controlplane.runtime.OperationAbortedException;
import io.lmi.controlplane.runtime.OperationInput;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The next step of a rollout: first the new version's scaling for the share it is about to get (capacity before
 * traffic), then the alias's weight. The last step points the alias at the new version; promotion confirms it.
 */
public final class ShiftAliasWeightHandler extends StepHandler<OperationInput, Map<String, Object>> {
    private final Journal journal;
    private final LmiFunctions functions;

    public ShiftAliasWeightHandler() {
        this(ControlPlane.fromEnvironment());
    }

    ShiftAliasWeightHandler(ControlPlane controlPlane) {
        super(OperationInput.class);
        this.journal = new Journal(controlPlane);
        this.functions = new LmiFunctions(controlPlane.clients().configure(LambdaClient.builder()).build());
    }

    @Override
    protected Map<String, Object> handle(OperationInput input, StepContext context) {
        Operation operation = journal.ledger().load(input.operationId());
        OperationAbortedException.throwIfRequested(operation, "shifting the alias weight");
        RolloutFact rollout = operation.requireFact(RolloutFact.FACT, RolloutFact.class);
        int position = rollout.position() + 1;
        if (position >= rollout.steps().size()) {
            throw new IllegalStateException("every step of " + operation.id() + " has been applied already");
        }
        int percent = rollout.steps().get(position);
        RolloutScaling.Limits limits = rollout.limits().get(position);
        functions.putScaling(rollout.functionName(), rollout.newVersion(), limits.min(), limits.max());
        if (percent < 100) {
            functions.weightAlias(rollout.functionName(), rollout.alias(), rollout.oldVersion(), rollout.newVersion(),
                    percent / 100.0);
        } else {
            functions.pointAlias(rollout.functionName(), rollout.alias(), rollout.newVersion(), "rolled out by " + operation.id());
        }
        boolean last = position == rollout.steps().size() - 1;
        journal.step(operation.id(), "Shift", "step " + (position + 1) + "/" + rollout.steps().size() + ": version "
                        + rollout.newVersion() + " scaled to " + limits.min() + ".." + (limits.max() == null ? "(no ceiling)"
                        : limits.max()) + ", then " + percent + "% of " + rollout.alias() + " on it", Map.of("percent", percent),
                op -> {
                    op.fact(RolloutFact.FACT, rollout.at(position), journal.now());
                    op.fact(GateFact.FACT, new GateFact(rollout.functionName(), rollout.alias(), rollout.newVersion(),
                            rollout.alarmNames(), rollout.gates(), journal.now(), position, rollout.steps().size(), percent),
                            journal.now());
                    op.traffic(percent, journal.now());
                });
        Map<String, Object> result = new HashMap<>();
        result.put("percent", percent);
        result.put("last", last);
        // The bake is a wait whose timeout is the bake time, and a timeout must be at least a second.
        result.put("bakeSeconds", Math.max(1, rollout.bakeSeconds()));
        return result;
    }
}

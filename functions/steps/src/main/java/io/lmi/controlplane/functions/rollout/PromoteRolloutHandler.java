package io.lmi.controlplane.functions.rollout;

import io.lmi.controlplane.aws.cloudwatch.GateAlarms;
import io.lmi.controlplane.aws.lambda.LmiFunctions;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.core.operation.Outcome;
import io.lmi.controlplane.core.rollout.RolloutRequest;
import io.lmi.controlplane.core.rollout.RolloutScaling;
import io.lmi.controlplane.core.rollout.VersionRetention;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Journal;
import io.lmi.controlplane.runtime.OperationInput;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The new version passed every gate: the alias points to it alone, it takes the scaling of the version it replaces,
 * the gate alarms go, and the version policy runs: superseded versions beyond those kept for a fast rollback are
 * deactivated (0/0) or deleted, so that idle versions stop costing money and the 100-versions-per-capacity-provider
 * limit is never reached. A version that cannot be cleaned is reported; it does not undo the promotion.
 */
public final class PromoteRolloutHandler extends StepHandler<OperationInput, Map<String, Object>> {
    private final Journal journal;
    private final LambdaClient lambda;
    private final LmiFunctions functions;
    private final GateAlarms alarms;

    public PromoteRolloutHandler() {
        this(ControlPlane.fromEnvironment());
    }

    PromoteRolloutHandler(ControlPlane controlPlane) {
        super(OperationInput.class);
        this.journal = new Journal(controlPlane);
        this.lambda = controlPlane.clients().configure(LambdaClient.builder()).build();
        this.functions = new LmiFunctions(lambda);
        this.alarms = new GateAlarms(controlPlane.clients().configure(CloudWatchClient.builder()).build());
    }

    @Override
    protected Map<String, Object> handle(OperationInput input, StepContext context) {
        Operation operation = journal.ledger().load(input.operationId());
        if (operation.status().isTerminal()) {
            return Map.of("status", operation.status().name());
        }
        RolloutFact rollout = operation.requireFact(RolloutFact.FACT, RolloutFact.class);
        RolloutRequest request = operation.request(RolloutRequest.class);
        functions.pointAlias(rollout.functionName(), rollout.alias(), rollout.newVersion(), "promoted by " + operation.id());
        // The steps' headroom was for the transition; from now on the new version runs as the old one did.
        RolloutScaling.Limits scaling = rollout.oldScaling();
        functions.putScaling(rollout.functionName(), rollout.newVersion(), scaling.min(), scaling.max());
        alarms.delete(rollout.alarmNames());
        journal.ledger().update(operation.id(), op -> rollout.alarmNames().forEach(name ->
                op.recordDeleted("ALARM", name, journal.now())));

        Map<String, Object> policy = applyVersionPolicy(rollout, request.retention());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("alias", rollout.aliasArn());
        details.put("from", rollout.oldVersion());
        details.put("to", rollout.newVersion());
        details.put("versionPolicy", policy);
        journal.end(operation.id(), OperationStatus.PROMOTED, new Outcome("PROMOTED", rollout.alias() + " now runs version "
                + rollout.newVersion() + " (was " + rollout.oldVersion() + "); versions: " + policy.get("summary"),
                Json.tree(details)));
        return Map.of("status", OperationStatus.PROMOTED.name(), "version", rollout.newVersion(), "functionName",
                rollout.functionName());
    }

    private Map<String, Object> applyVersionPolicy(RolloutFact rollout, VersionRetention.Policy retention) {
        List<String> versions = new ArrayList<>();
        lambda.listVersionsByFunctionPaginator(r -> r.functionName(rollout.functionName())).versions()
                .forEach(v -> versions.add(v.version()));
        Set<String> referenced = new HashSet<>();
        lambda.listAliasesPaginator(r -> r.functionName(rollout.functionName())).aliases().forEach(alias -> {
            referenced.add(alias.functionVersion());
            if (alias.routingConfig() != null) {
                referenced.addAll(alias.routingConfig().additionalVersionWeights().keySet());
            }
        });
        Map<String, VersionRetention.Action> actions = VersionRetention.decide(versions, rollout.newVersion(), referenced,
                retention);
        List<String> deactivated = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        actions.forEach((version, action) -> {
            try {
                switch (action) {
                    case DEACTIVATE -> {
                        functions.putScaling(rollout.functionName(), version, 0, 0);
                        deactivated.add(version);
                    }
                    case DELETE -> {
                        functions.deleteVersion(rollout.functionName(), version);
                        deleted.add(version);
                    }
                    default -> { }
                }
            } catch (RuntimeException e) {
                failed.add(version + ": " + e.getMessage());
            }
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("deactivated", deactivated);
        result.put("deleted", deleted);
        result.put("failed", failed);
        result.put("summary", deactivated.size() + " deactivated (0/0), " + deleted.size() + " deleted"
                + (failed.isEmpty() ? "" : ", " + failed.size() + " could not be cleaned: " + failed));
        return result;
    }
}

package io.lmi.controlplane.functions.rollout;

import io.lmi.controlplane.aws.cloudwatch.GateAlarms;
import io.lmi.controlplane.aws.lambda.LmiFunctions;
import io.lmi.controlplane.core.operation.CreatedResource;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.rollout.RolloutRequest;
import io.lmi.controlplane.functions.gate.OperationCleanup;
import io.lmi.controlplane.functions.migration.LmiFunctionFact;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Journal;
import io.lmi.controlplane.runtime.StepContext;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Puts the alias back on the version it ran before, at 100%, and stops the new version costing money: it is
 * deactivated (scaling 0/0, kept for investigation and reactivatable), not deleted, unless it never became Active.
 * The gate alarms go.
 */
public final class RolloutCleanup implements OperationCleanup {
    private final Journal journal;
    private final LmiFunctions functions;
    private final GateAlarms alarms;

    public RolloutCleanup(ControlPlane controlPlane, Journal journal) {
        this.journal = journal;
        this.functions = new LmiFunctions(controlPlane.clients().configure(LambdaClient.builder()).build());
        this.alarms = new GateAlarms(controlPlane.clients().configure(CloudWatchClient.builder()).build());
    }

    @Override
    public CleanupReport cleanUp(Operation operation, String why, StepContext context) {
        int percentAtFailure = operation.trafficPercent().orElse(0);
        String oldVersion = operation.fact("previousVersion", String.class).orElse(null);
        LmiFunctionFact function = operation.fact(LmiFunctionFact.FACT, LmiFunctionFact.class).orElse(null);
        List<String> leftovers = new ArrayList<>();
        journal.step(operation.id(), "RollBack", "rolling back (" + why + ") from " + percentAtFailure
                + "% on the new version", null);
        if (function != null && oldVersion != null) {
            try {
                functions.pointAlias(function.name(), function.aliasName(), oldVersion, "rolled back by " + operation.id());
            } catch (RuntimeException e) {
                leftovers.add("alias " + function.aliasName() + " could not be pointed back to " + oldVersion + ": " + e.getMessage());
            }
            if (function.version() != null && !function.version().equals(oldVersion)) {
                boolean publishedHere = operation.request(RolloutRequest.class).publishes();
                try {
                    if (publishedHere && !"Active".equals(function.versionState())) {
                        // It never became Active: nothing ever ran on it, so it goes rather than waiting at 0/0.
                        functions.deleteVersion(function.name(), function.version());
                    } else {
                        functions.putScaling(function.name(), function.version(), 0, 0);
                    }
                } catch (RuntimeException e) {
                    leftovers.add("version " + function.version() + " could not be deactivated: " + e.getMessage());
                }
            }
        }
        for (CreatedResource resource : operation.created()) {
            if (resource.type().equals("ALARM")) {
                try {
                    alarms.delete(List.of(resource.id()));
                    journal.ledger().update(operation.id(), op -> op.recordDeleted("ALARM", resource.id(), journal.now()));
                } catch (RuntimeException e) {
                    leftovers.add("alarm " + resource.id() + ": " + e.getMessage());
                }
            }
        }
        String restored = function == null || oldVersion == null ? "the alias was not changed"
                : function.aliasName() + " is back on version " + oldVersion
                + (function.version() != null ? " and version " + function.version() + " is deactivated (0/0)" : "");
        return new CleanupReport(percentAtFailure + "% on version " + (function == null ? "?" : function.version()),
                restored, leftovers);
    }

    @Override
    public List<String> remaining(Operation operation) {
        List<String> remaining = new ArrayList<>();
        LmiFunctionFact function = operation.fact(LmiFunctionFact.FACT, LmiFunctionFact.class).orElse(null);
        String oldVersion = operation.fact("previousVersion", String.class).orElse(null);
        if (function != null && oldVersion != null && operation.trafficPercent().orElse(0) > 0) {
            remaining.add("alias " + function.aliasName() + " of " + function.name() + " may still send "
                    + operation.trafficPercent().orElse(0) + "% to version " + function.version()
                    + ": point it back to version " + oldVersion);
        }
        if (function != null && function.version() != null && !function.version().equals(oldVersion)) {
            remaining.add("version " + function.version() + " of " + function.name()
                    + " may still be active: deactivate it (scaling 0/0) or delete it");
        }
        operation.created().stream().filter(r -> r.type().equals("ALARM"))
                .forEach(r -> remaining.add("alarm " + r.id() + " created by the rollout still exists"));
        return remaining;
    }
}

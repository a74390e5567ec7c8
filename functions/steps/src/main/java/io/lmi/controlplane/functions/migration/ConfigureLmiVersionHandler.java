package io.lmi.controlplane.functions.migration;

import io.lmi.controlplane.aws.cloudwatch.GateAlarms;
import io.lmi.controlplane.aws.lambda.LmiFunctions;
import io.lmi.controlplane.core.migration.MigrationPlan;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Journal;
import io.lmi.controlplane.runtime.OperationInput;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Makes the published version ready for traffic: its scaling floor and ceiling (a new numbered version starts at the
 * defaults), the alias the triggers will invoke (a stable target across later rollouts), and the gate alarms.
 */
public final class ConfigureLmiVersionHandler extends StepHandler<OperationInput, Map<String, Object>> {
    private final Journal journal;
    private final LmiFunctions functions;
    private final GateAlarms alarms;

    public ConfigureLmiVersionHandler() {
        this(ControlPlane.fromEnvironment());
    }

    ConfigureLmiVersionHandler(ControlPlane controlPlane) {
        super(OperationInput.class);
        this.journal = new Journal(controlPlane);
        this.functions = new LmiFunctions(controlPlane.clients().configure(LambdaClient.builder()).build());
        this.alarms = new GateAlarms(controlPlane.clients().configure(CloudWatchClient.builder()).build());
    }

    @Override
    protected Map<String, Object> handle(OperationInput input, StepContext context) {
        Operation operation = journal.ledger().load(input.operationId());
        MigrationPlan plan = operation.requireFact("plan", MigrationPlan.class);
        LmiFunctionFact function = operation.requireFact(LmiFunctionFact.FACT, LmiFunctionFact.class);
        String providerName = operation.requireFact("capacityProvider", Map.class).get("name").toString();

        functions.putScaling(function.name(), function.version(), plan.scaling().minExecutionEnvironments(),
                plan.scaling().maxExecutionEnvironments());
        journal.ledger().update(operation.id(), op -> op.recordCreated("ALIAS", plan.aliasName(), function.name(), journal.now()));
        String aliasArn = functions.pointAlias(function.name(), plan.aliasName(), function.version(),
                "traffic target of migration " + operation.id());
        journal.ledger().update(operation.id(), op -> plan.alarmNames().forEach(alarm ->
                op.recordCreated("ALARM", alarm, null, journal.now())));
        alarms.put(prefix(operation), new GateAlarms.Subject(function.name(), plan.aliasName(), function.version(),
                providerName), plan.gates(), Map.of(LmiFunctions.OPERATION_TAG, operation.id()));
        journal.step(operation.id(), "ConfigureVersion", "version " + function.version() + " scaled to "
                        + plan.scaling().minExecutionEnvironments() + ".." + (plan.scaling().maxExecutionEnvironments() == null
                        ? "(no ceiling)" : plan.scaling().maxExecutionEnvironments()) + " execution environments; alias "
                        + aliasArn + "; gate alarms " + plan.alarmNames(), null,
                op -> op.fact(LmiFunctionFact.FACT, function.withAlias(plan.aliasName(), aliasArn), journal.now()));
        return Map.of("aliasArn", aliasArn, "alarms", plan.alarmNames());
    }

    /** Alarm names of an operation: stable per operation, so a retry overwrites rather than duplicates. */
    public static String prefix(Operation operation) {
        return "lmi-" + operation.functionName() + "-" + operation.id().substring(4, 12);
    }
}

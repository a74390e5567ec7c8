package io.lmi.controlplane.functions.migration;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.aws.cloudwatch.GateAlarms;
import io.lmi.controlplane.aws.lambda.CapacityProviders;
import io.lmi.controlplane.aws.lambda.FunctionReader;
import io.lmi.controlplane.aws.traffic.FunctionTargetsReader;
import io.lmi.controlplane.aws.traffic.ManualShifter;
import io.lmi.controlplane.aws.traffic.TriggerDiscovery;
import io.lmi.controlplane.aws.traffic.TriggerShifters;
import io.lmi.controlplane.core.function.FunctionSnapshot;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.migration.CapacityProviderSettings;
import io.lmi.controlplane.core.migration.Durations;
import io.lmi.controlplane.core.migration.FunctionCopyPlan;
import io.lmi.controlplane.core.migration.MigrationPlan;
import io.lmi.controlplane.core.migration.MigrationRequest;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.core.operation.Outcome;
import io.lmi.controlplane.core.recommend.LmiConfiguration;
import io.lmi.controlplane.core.traffic.ShiftTarget;
import io.lmi.controlplane.core.traffic.TrafficPlan;
import io.lmi.controlplane.core.traffic.Trigger;
import io.lmi.controlplane.core.traffic.TriggerKind;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Journal;
import io.lmi.controlplane.runtime.OperationInput;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Decides every change before making any: which capacity provider, what the LMI copy looks like, which triggers
 * exist and how each moves at each step, which alarms gate the steps. The plan is recorded in the ledger; a dry run
 * ends here with it as its report.
 */
public final class PlanMigrationHandler extends StepHandler<OperationInput, Map<String, Object>> {
    private final Journal journal;
    private final FunctionReader reader;
    private final CapacityProviders providers;
    private final FunctionTargetsReader targets;
    private final TriggerShifters shifters;
    private final TriggerDiscovery discovery;

    public PlanMigrationHandler() {
        this(ControlPlane.fromEnvironment());
    }

    PlanMigrationHandler(ControlPlane controlPlane) {
        super(OperationInput.class);
        this.journal = new Journal(controlPlane);
        LambdaClient lambda = controlPlane.clients().configure(LambdaClient.builder()).build();
        this.reader = new FunctionReader(lambda);
        this.providers = new CapacityProviders(lambda);
        this.targets = new FunctionTargetsReader(lambda);
        this.shifters = Shifters.create(controlPlane, lambda);
        this.discovery = new TriggerDiscovery(shifters);
    }

    @Override
    protected Map<String, Object> handle(OperationInput input, StepContext context) {
        Operation operation = journal.ledger().load(input.operationId());
        MigrationRequest request = operation.request(MigrationRequest.class);
        LmiConfiguration configuration = configuration(operation);
        FunctionSnapshot original = reader.read(operation.functionName()).orElseThrow(() ->
                new IllegalStateException("the function " + operation.functionName() + " no longer exists"));

        MigrationPlan.CapacityProviderChoice provider = chooseCapacityProvider(request.capacityProvider(),
                configuration.capacityProvider());
        FunctionCopyPlan copy = FunctionCopyPlan.of(original, request.lmiFunctionName(), configuration);
        List<Trigger> triggers = new ArrayList<>(discovery.discover(targets.read(original.name())));
        if (triggers.isEmpty()) {
            // Nothing in the account invokes it on its own: its callers invoke it directly, allowed by their own IAM
            // policies, which no API reveals. The team moves them; the workflow waits for them to say so.
            triggers.add(new Trigger(TriggerKind.DIRECT, original.arn(), "callers that invoke " + original.name()
                    + " directly (none appear in its resource policy)",
                    Json.tree(new ManualShifter.DirectCallers(original.arn(), List.of()))));
        }
        TrafficPlan traffic = new TrafficPlan(request.steps(), request.cutoverPercent(), triggers);
        String aliasArn = original.arn().replace(":function:" + original.name(), ":function:" + copy.name())
                + ":" + request.aliasName();
        ShiftTarget target = new ShiftTarget(original.arn(), aliasArn, copy.name(), operation.id());
        long bakeSeconds = request.bakeTime().toSeconds();
        List<String> alarms = GateAlarms.names(ConfigureLmiVersionHandler.prefix(operation));
        MigrationPlan plan = new MigrationPlan(provider, copy, target, request.aliasName(), configuration.scaling(),
                request.gates(), alarms, bakeSeconds, traffic,
                changes(original, provider, copy, configuration, request, traffic, target, alarms, bakeSeconds));

        journal.step(operation.id(), "Plan", plan.changes().size() + " changes planned; triggers: "
                        + triggers.stream().map(t -> t.kind() + " " + t.source()).toList(), plan,
                op -> op.fact("plan", plan, journal.now()));
        if (operation.dryRun()) {
            journal.end(operation.id(), OperationStatus.COMPLETED, new Outcome("DRY_RUN",
                    "dry run: " + plan.changes().size() + " changes planned, none made", Json.tree(plan.changes())));
            return Map.of("dryRun", true, "stepCount", traffic.effectiveSteps().size());
        }
        return Map.of("dryRun", false, "stepCount", traffic.effectiveSteps().size());
    }

    /** The assessment's recommended configuration, which the migration applies unchanged. */
    private static LmiConfiguration configuration(Operation operation) {
        JsonNode assessment = operation.requireFact("assessment", JsonNode.class);
        return Json.convert(assessment.get("configuration"), LmiConfiguration.class, "assessment.configuration");
    }

    private MigrationPlan.CapacityProviderChoice chooseCapacityProvider(CapacityProviderSettings settings,
                                                                       LmiConfiguration.CapacityProvider configuration) {
        String architecture = configuration.architecture();
        if (settings.name() != null) {
            Optional<CapacityProviders.View> named = providers.find(settings.name());
            if (named.isPresent()) {
                CapacityProviders.View view = named.get();
                if (!view.architecture().equals(architecture)) {
                    throw new IllegalStateException("capacity provider " + settings.name() + " runs " + view.architecture()
                            + " but the function is to run on " + architecture + ": name another provider or none");
                }
                return new MigrationPlan.CapacityProviderChoice(true, view.name(), new CapacityProviderSettings(view.name(),
                        view.subnetIds(), view.securityGroupIds(), view.operatorRoleArn()), configuration);
            }
            return new MigrationPlan.CapacityProviderChoice(false, settings.name(), settings, configuration);
        }
        return providers.findReusable(settings, configuration)
                .map(view -> new MigrationPlan.CapacityProviderChoice(true, view.name(), settings, configuration))
                .orElseGet(() -> new MigrationPlan.CapacityProviderChoice(false,
                        CapacityProviders.nameFor(settings, configuration), settings, configuration));
    }

    private List<String> changes(FunctionSnapshot original, MigrationPlan.CapacityProviderChoice provider,
                                 FunctionCopyPlan copy, LmiConfiguration configuration, MigrationRequest request,
                                 TrafficPlan traffic, ShiftTarget target, List<String> alarms, long bakeSeconds) {
        List<String> changes = new ArrayList<>();
        LmiConfiguration.CapacityProvider cp = configuration.capacityProvider();
        changes.add(provider.reuse() ? "reuse Active capacity provider " + provider.name()
                : "create capacity provider " + provider.name() + " (" + cp.architecture() + ", MaxVCpuCount "
                + cp.maxVCpuCount() + (cp.allowedInstanceTypes().isEmpty() ? ", instance types chosen by Lambda"
                : ", instance types " + cp.allowedInstanceTypes()) + ", subnets " + provider.settings().subnetIds()
                + ", operator role " + provider.settings().operatorRoleArn() + ")");
        changes.add("create function " + copy.name() + " as a copy of " + original.name() + " (" + copy.memoryMb()
                + " MB, " + copy.memoryGiBPerVCpu() + " GiB per vCPU, " + copy.perExecutionEnvironmentMaxConcurrency()
                + " concurrent requests per execution environment, " + copy.architecture() + ")"
                + (copy.changed().isEmpty() ? "" : "; changes: " + String.join("; ", copy.changed()))
                + (copy.dropped().isEmpty() ? "" : "; drops: " + String.join("; ", copy.dropped())));
        changes.add("publish a version of " + copy.name() + " and scale it to " + configuration.scaling().minExecutionEnvironments()
                + ".." + (configuration.scaling().maxExecutionEnvironments() == null ? "(no ceiling)"
                : configuration.scaling().maxExecutionEnvironments()) + " execution environments");
        changes.add("create alias " + target.newFunctionArn());
        changes.add("create gate alarms " + alarms + " (error rate > " + request.gates().errorRatePercent()
                + "%, throttles > " + request.gates().throttleRatePercent() + "%, CPU > " + request.gates().cpuPercent()
                + "%, memory > " + request.gates().memoryPercent() + "%)");
        List<Integer> effective = traffic.effectiveSteps();
        for (int position = 0; position < effective.size(); position++) {
            int index = effective.get(position);
            List<String> moves = new ArrayList<>();
            for (Trigger trigger : traffic.triggers()) {
                int before = index == 0 ? 0 : traffic.percentAt(trigger, index - 1);
                int after = traffic.percentAt(trigger, index);
                if (before != after) {
                    moves.add(shifters.forKind(trigger.kind()).describeShift(trigger, after, target));
                }
            }
            changes.add("step " + (position + 1) + "/" + effective.size() + " (" + traffic.steps().get(index) + "%): "
                    + String.join("; ", moves) + "; then bake " + Durations.format(Duration.ofSeconds(bakeSeconds))
                    + " and gate on the alarms (at least " + request.gates().minInvocations() + " invocations to judge)");
        }
        changes.add("complete: " + original.name() + " is left untouched, ready to decommission");
        return changes;
    }
}

package io.lmi.controlplane.functions.rollout;

import io.lmi.controlplane.aws.cloudwatch.EnvironmentPeak;
import io.lmi.controlplane.aws.cloudwatch.GateAlarms;
import io.lmi.controlplane.aws.lambda.LmiFunctions;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.migration.Durations;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.core.operation.Outcome;
import io.lmi.controlplane.core.rollout.RolloutRequest;
import io.lmi.controlplane.core.rollout.RolloutScaling;
import io.lmi.controlplane.functions.migration.LmiFunctionFact;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Journal;
import io.lmi.controlplane.runtime.OperationInput;
import io.lmi.controlplane.runtime.Settings;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Plans a rollout once its new version is Active: the scaling the new version gets before each step (it must hold
 * the step's share before any traffic moves, since LMI scales asynchronously), and the gate alarms on the alias's
 * traffic to the new version and on its execution environments. A dry run ends here with the plan.
 */
public final class PrepareRolloutHandler extends StepHandler<OperationInput, Map<String, Object>> {
    /** LMI's default floor when a version has no scaling config of its own. */
    static final int LMI_DEFAULT_MIN = 3;
    private static final Logger LOG = LoggerFactory.getLogger(PrepareRolloutHandler.class);

    private final Journal journal;
    private final LmiFunctions functions;
    private final GateAlarms alarms;
    private final EnvironmentPeak peaks;
    private final Settings settings;

    public PrepareRolloutHandler() {
        this(ControlPlane.fromEnvironment());
    }

    PrepareRolloutHandler(ControlPlane controlPlane) {
        super(OperationInput.class);
        this.journal = new Journal(controlPlane);
        this.functions = new LmiFunctions(controlPlane.clients().configure(LambdaClient.builder()).build());
        CloudWatchClient cloudWatch = controlPlane.clients().configure(CloudWatchClient.builder()).build();
        this.alarms = new GateAlarms(cloudWatch);
        this.peaks = new EnvironmentPeak(cloudWatch);
        this.settings = new Settings(controlPlane);
    }

    @Override
    protected Map<String, Object> handle(OperationInput input, StepContext context) {
        Operation operation = journal.ledger().load(input.operationId());
        RolloutRequest request = operation.request(RolloutRequest.class);
        LmiFunctionFact function = operation.requireFact(LmiFunctionFact.FACT, LmiFunctionFact.class);
        String oldVersion = operation.requireFact("previousVersion", String.class);
        var oldScaling = functions.scaling(function.name(), oldVersion).requestedFunctionScalingConfig();
        int oldMin = oldScaling == null || oldScaling.minExecutionEnvironments() == null ? LMI_DEFAULT_MIN
                : oldScaling.minExecutionEnvironments();
        Integer oldMax = oldScaling == null ? null : oldScaling.maxExecutionEnvironments();
        String providerName = functions.capacityProviderName(function.name());
        Duration lookback = settings.rolloutPeakLookback();
        OptionalInt peak = recentPeak(providerName, function.name(), oldVersion, lookback);
        RolloutScaling scaling = RolloutScaling.withHeadroom(request.headroom());
        List<Integer> steps = request.percentSteps();
        List<RolloutScaling.Limits> limits = new ArrayList<>();
        steps.forEach(percent -> limits.add(scaling.forShare(oldMin, peak.orElse(0), oldMax, percent)));
        String prefix = "lmi-" + function.name() + "-" + operation.id().substring(4, 12);
        RolloutFact plan = new RolloutFact(function.name(), function.aliasName(), function.aliasArn(), oldVersion,
                function.version(), new RolloutScaling.Limits(oldMin, oldMax), steps, limits, GateAlarms.names(prefix),
                request.gates(), request.bakeTime().toSeconds(), providerName, -1);

        // Only a dry run of a publishing rollout gets here without a version: it plans the publish it did not make.
        boolean toPublish = function.version() == null;
        String newVersion = toPublish ? "(the version to be published)" : function.version();
        List<String> changes = new ArrayList<>();
        if (toPublish) {
            changes.add("publish $LATEST of " + function.name() + " as the next version; LMI starts its execution "
                    + "environments before it is Active");
        }
        for (int i = 0; i < steps.size(); i++) {
            RolloutScaling.Limits l = limits.get(i);
            changes.add("step " + (i + 1) + "/" + steps.size() + ": scale version " + newVersion + " to " + l.min()
                    + ".." + (l.max() == null ? "(no ceiling)" : l.max()) + " execution environments, then "
                    + (steps.get(i) < 100 ? "send " + steps.get(i) + "% of " + function.aliasName() + " to it (version "
                    + oldVersion + " keeps the rest)" : "point " + function.aliasName() + " to it") + "; bake "
                    + Durations.format(Duration.ofSeconds(plan.bakeSeconds())) + " and gate on " + plan.alarmNames());
        }
        changes.add("promote: " + function.aliasName() + " on version " + newVersion + "; then apply the version "
                + "policy (keep " + request.retention().keepReady() + " superseded version(s) ready, deactivate the next "
                + request.retention().keepDeactivated() + ", delete older ones)");
        journal.step(operation.id(), "Prepare", "rolling out version " + newVersion + " over " + oldVersion
                        + " (" + oldMin + ".." + (oldMax == null ? "no ceiling" : oldMax) + " execution environments today, "
                        + (peak.isPresent() ? peak.getAsInt() + " at its peak" : "no peak known") + " in the last "
                        + Durations.format(lookback) + "; each step gets its share of the larger times "
                        + scaling.headroom() + " headroom)",
                plan, op -> {
                    op.fact(RolloutFact.FACT, plan, journal.now());
                    op.fact("changes", changes, journal.now());
                });
        if (operation.dryRun()) {
            // Rollouts end PROMOTED, ROLLED_BACK, FAILED or ABORTED: a dry run stops before its first change, by request.
            journal.end(operation.id(), OperationStatus.ABORTED, new Outcome("DRY_RUN", "dry run: " + changes.size()
                    + " changes planned" + (toPublish ? " (publishing $LATEST first)" : "") + ", none made",
                    Json.tree(changes)));
            return Map.of("dryRun", true, "stepCount", steps.size());
        }
        journal.ledger().update(operation.id(), op -> plan.alarmNames().forEach(name ->
                op.recordCreated("ALARM", name, null, journal.now())));
        alarms.put(prefix, new GateAlarms.Subject(function.name(), function.aliasName(), function.version(), providerName,
                function.version()), request.gates(), Map.of(LmiFunctions.OPERATION_TAG, operation.id()));
        return Map.of("dryRun", false, "stepCount", steps.size());
    }

    /** The old version's peak from its LMI metrics; unknown when it has none yet or they cannot be read. */
    private OptionalInt recentPeak(String providerName, String functionName, String version, Duration lookback) {
        Instant now = journal.now();
        try {
            return peaks.environments(providerName, functionName, version, now.minus(lookback), now);
        } catch (CloudWatchException e) {
            // The configured minimum still sizes the steps; the plan says the peak was unknown.
            LOG.warn("could not read the peak of {}:{}: {}", functionName, version, e.getMessage());
            return OptionalInt.empty();
        }
    }
}

package io.lmi.controlplane.cli;

import io.lmi.controlplane.core.events.DetailTypes;
import io.lmi.controlplane.core.migration.Durations;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.core.traffic.TrafficPlan;
import io.lmi.controlplane.core.validation.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Move a standard Lambda function onto LMI: assess it, provision capacity, create its LMI copy, and shift",
                "its triggers step by step, each step gated on alarms, rolling back on any alarm.",
                "Puts a MigrationRequested event on the control plane's bus; the ledger records every step."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:requested (or, with --wait, COMPLETED; a dry run reported)",
                "1:the migration ended otherwise (--wait), or the request could not be sent",
                "2:bad options (the message names the option)"})
final class MigrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ControlPlaneOptions controlPlane;

    @Parameters(index = "0", paramLabel = "FUNCTION", description = "The standard function to migrate (name or ARN).")
    String function;

    @Option(names = "--dry-run", description = "Report every change the migration would make, and make none.")
    boolean dryRun;

    @Option(names = "--steps", split = ",", paramLabel = "PERCENT", description = "Traffic steps, e.g. 10,50,100 (default).")
    List<Integer> steps;

    @Option(names = "--bake", paramLabel = "DURATION", description = "Time between steps, e.g. 15m (default), 90s, 1h.")
    String bake;

    @Option(names = "--cutover", paramLabel = "PERCENT", description = "Step at which streams, rules, topics and manual callers move (default 50).")
    Integer cutover;

    @Option(names = "--force", description = "Migrate even when the assessment does not recommend LMI.")
    boolean force;

    @Option(names = "--allow-runtime-upgrade", description = "Move to the nearest LMI-supported runtime if needed.")
    boolean allowRuntimeUpgrade;

    @Option(names = "--wait", description = "Follow the migration to its end (a dry run always waits).")
    boolean waitForEnd;

    @Option(names = "--output", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Override
    public Integer call() throws InterruptedException {
        validateOptions();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("functionName", function);
        if (steps != null) {
            detail.put("steps", steps);
        }
        if (bake != null) {
            detail.put("bake", bake);
        }
        if (cutover != null) {
            detail.put("cutoverPercent", cutover);
        }
        detail.put("force", force);
        detail.put("dryRun", dryRun);
        detail.put("allowRuntimeUpgrade", allowRuntimeUpgrade);
        detail.put("requestedBy", System.getProperty("user.name", "cli"));
        return OperationRequest.send(spec, controlPlane, DetailTypes.MIGRATION_REQUESTED, detail, "migration of " + function,
                waitForEnd, dryRun, output, "/plan/changes", OperationStatus.COMPLETED);
    }

    /** Refuses what the control plane would refuse, before anything is sent. */
    private void validateOptions() {
        try {
            if (steps != null) {
                TrafficPlan.validateSteps(steps, "--steps");
            }
            if (bake != null) {
                Durations.parse(bake);
            }
        } catch (InvalidRequestException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage().replace("traffic steps is invalid: ", ""));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--bake " + e.getMessage() + ": write it like 90s, 15m or 1h30m");
        }
        if (cutover != null && (cutover < 1 || cutover > 100)) {
            throw new ParameterException(spec.commandLine(), "--cutover must be a percentage from 1 to 100, got " + cutover);
        }
    }
}

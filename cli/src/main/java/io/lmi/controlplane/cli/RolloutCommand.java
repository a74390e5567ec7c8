package io.lmi.controlplane.cli;

import io.lmi.controlplane.core.events.DetailTypes;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.core.rollout.RolloutRequest;
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

@Command(name = "rollout", mixinStandardHelpOptions = true,
        description = {"Ship a published version of an LMI function through a weighted alias, step by step, each step",
                "gated on alarms; promote it, or roll back to the previous version. Then deactivate or delete superseded",
                "versions per the version policy. Puts a RolloutRequested event on the control plane's bus."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:requested (or, with --wait, PROMOTED; a dry run reported)",
                "1:the rollout ended otherwise (--wait), or the request could not be sent",
                "2:bad options (the message names the option)"})
final class RolloutCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ControlPlaneOptions controlPlane;

    @Parameters(index = "0", paramLabel = "FUNCTION", description = "The LMI function.")
    String function;

    @Option(names = "--alias", required = true, description = "The alias its callers invoke, e.g. live.")
    String alias;

    @Option(names = "--version", description = "The published version to roll out.")
    String version;

    @Option(names = "--publish", description = "Publish $LATEST now and roll that version out.")
    boolean publish;

    @Option(names = "--steps", split = ",", paramLabel = "PERCENT", description = "Steps, e.g. 10,50,100 (default).")
    List<Integer> steps;

    @Option(names = "--weights", split = ",", paramLabel = "WEIGHT", description = "Steps as alias weights, e.g. 0.1,0.5,1.0.")
    List<Double> weights;

    @Option(names = "--bake", paramLabel = "DURATION", description = "Time between steps, e.g. 15m (default).")
    String bake;

    @Option(names = "--headroom", paramLabel = "FACTOR", description = "The new version's execution environments per "
            + "step as a multiple of its share of the old version's load, 1.0 to 4.0 (default 1.5).")
    Double headroom;

    @Option(names = "--dry-run", description = "Report every change the rollout would make, and make none.")
    boolean dryRun;

    @Option(names = "--wait", description = "Follow the rollout to its end (a dry run always waits).")
    boolean waitForEnd;

    @Option(names = "--output", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("functionName", function);
        detail.put("alias", alias);
        if (version != null) {
            detail.put("version", version);
        }
        if (publish) {
            detail.put("publish", true);
        }
        if (steps != null) {
            detail.put("steps", steps);
        }
        if (weights != null) {
            detail.put("weights", weights);
        }
        if (bake != null) {
            detail.put("bake", bake);
        }
        if (headroom != null) {
            detail.put("headroom", headroom);
        }
        detail.put("dryRun", dryRun);
        detail.put("requestedBy", System.getProperty("user.name", "cli"));
        try {
            Json.convert(detail, RolloutRequest.class, "rollout request").validate();
        } catch (InvalidRequestException e) {
            // The fields are the options' names without the dashes.
            throw new ParameterException(spec.commandLine(), e.getMessage().replace("rollout request is invalid: ", ""));
        }
        return OperationRequest.send(spec, controlPlane, DetailTypes.ROLLOUT_REQUESTED, detail, "rollout of " + function,
                waitForEnd, dryRun, output, "/changes", OperationStatus.PROMOTED);
    }
}

package io.lmi.controlplane.cli;

import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.cli.client.ControlPlaneClient;
import io.lmi.controlplane.core.events.DetailTypes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** approve, pause, resume, abort: manual control of a running migration or rollout, as events on the bus. */
final class ControlCommands {
    private ControlCommands() {
    }

    abstract static class ControlCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ControlPlaneOptions controlPlane;

        @Parameters(index = "0", paramLabel = "ID", description = "The migration or rollout (mig-..., rol-...).")
        String operationId;

        @Option(names = "--reason", description = "Why, for the ledger.")
        String reason;

        abstract String detailType();

        @Override
        public Integer call() {
            if (!operationId.startsWith("mig-") && !operationId.startsWith("rol-")) {
                throw new ParameterException(spec.commandLine(), "ID must be a migration or rollout id (mig-... or rol-...), got "
                        + operationId + "; ./lmi status FUNCTION lists them");
            }
            controlPlane.check(spec, true);
        ControlPlaneOptions.Resolved resolved = controlPlane.resolve(spec, spec.commandLine().getErr());
        try (AwsClients clients = resolved.clients();
             ControlPlaneClient client = new ControlPlaneClient(clients, resolved.bus(), resolved.table())) {
                var operation = client.operation(operationId).orElseThrow(() ->
                        new IllegalArgumentException("no migration or rollout " + operationId + " in the ledger"));
                if (operation.status().isTerminal()) {
                    spec.commandLine().getErr().println("lmi: " + operationId + " has already ended " + operation.status());
                    return ErrorHandler.FAILED;
                }
                client.control(detailType(), operationId, reason, System.getProperty("user.name", "cli"));
                spec.commandLine().getOut().println(detailType() + " sent for " + operationId
                        + "; follow it with ./lmi status " + operationId + " --watch");
                return 0;
            }
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approve a step that waits for a person (a gate that could not judge, or callers moved by hand).")
    static final class Approve extends ControlCommand {
        @Override
        String detailType() {
            return DetailTypes.APPROVED;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Hold a migration or rollout at its next gate.")
    static final class Pause extends ControlCommand {
        @Override
        String detailType() {
            return DetailTypes.PAUSE_REQUESTED;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused migration or rollout.")
    static final class Resume extends ControlCommand {
        @Override
        String detailType() {
            return DetailTypes.RESUME_REQUESTED;
        }
    }

    @Command(name = "abort", mixinStandardHelpOptions = true,
            description = "Roll back a migration or rollout now: a bake or a wait ends at once; a step in progress finishes its call first, then the workflow rolls back before it polls or shifts traffic again.")
    static final class Abort extends ControlCommand {
        @Override
        String detailType() {
            return DetailTypes.ABORT_REQUESTED;
        }
    }
}

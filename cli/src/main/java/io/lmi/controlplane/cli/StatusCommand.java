package io.lmi.controlplane.cli;

import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.cli.client.ControlPlaneClient;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.StepEntry;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Where migrations and rollouts stand, from the ledger.",
                "  status              what is running now",
                "  status FUNCTION     the function's migrations and rollouts, newest first (a migrated function's",
                "                      and its LMI copy's together, whichever name is given)",
                "  status ID           one migration or rollout with its timeline (--watch follows it to the end)"})
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ControlPlaneOptions controlPlane;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FUNCTION|ID", description = "A function name, or an operation id (mig-..., rol-...).")
    String target;

    @Option(names = "--watch", description = "Follow an operation until it ends, printing each step as it happens.")
    boolean watch;

    @Option(names = "--output", defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        controlPlane.check(spec, true);
        ControlPlaneOptions.Resolved resolved = controlPlane.resolve(spec, spec.commandLine().getErr());
        try (AwsClients clients = resolved.clients();
             ControlPlaneClient client = new ControlPlaneClient(clients, resolved.bus(), resolved.table())) {
            if (target == null) {
                OperationPrinter.history(out, client.active(), output);
                return 0;
            }
            if (!target.startsWith("mig-") && !target.startsWith("rol-")) {
                OperationPrinter.history(out, client.combinedHistory(target), output);
                return 0;
            }
            Operation operation = client.operation(target).orElseThrow(() ->
                    new IllegalArgumentException("no migration or rollout " + target + " in the ledger"));
            if (watch) {
                operation = follow(client, operation, out);
            }
            OperationPrinter.record(out, operation, client.timeline(target), output);
            return operation.status().isTerminal() || !watch ? 0 : ErrorHandler.FAILED;
        }
    }

    /** Prints each new timeline entry until the operation ends. */
    static Operation follow(ControlPlaneClient client, Operation start, PrintWriter out) throws InterruptedException {
        int printed = 0;
        Operation current = start;
        while (true) {
            List<StepEntry> timeline = client.timeline(current.id());
            for (int i = printed; i < timeline.size(); i++) {
                out.println("  " + OperationPrinter.line(timeline.get(i)));
            }
            out.flush();
            printed = timeline.size();
            current = client.operation(current.id()).orElseThrow();
            if (current.status().isTerminal() && printed == client.timeline(current.id()).size()) {
                return current;
            }
            Thread.sleep(500);
        }
    }
}

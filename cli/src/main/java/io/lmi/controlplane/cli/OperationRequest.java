package io.lmi.controlplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.cli.client.ControlPlaneClient;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What migrate and rollout share: put the request on the bus, wait for the operation it starts, and either say where
 * to follow it or follow it to its end (a dry run always: it ends at once, with its plan).
 */
final class OperationRequest {
    private OperationRequest() {
    }

    /**
     * @param changesPath where the planned changes sit in the record's facts (a dry run prints them)
     * @param success     the status that means it went well
     */
    static int send(CommandSpec spec, ControlPlaneOptions controlPlane, String detailType, Map<String, Object> detail,
                    String what, boolean waitForEnd, boolean dryRun, OutputFormat output, String changesPath,
                    OperationStatus success) throws InterruptedException {
        controlPlane.check(spec, true);
        ControlPlaneOptions.Resolved resolved = controlPlane.resolve(spec, spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        try (AwsClients clients = resolved.clients();
             ControlPlaneClient client = new ControlPlaneClient(clients, resolved.bus(), resolved.table())) {
            String operationId = client.awaitOperation(client.request(detailType, detail), Duration.ofMinutes(2));
            Operation operation = client.operation(operationId).orElseThrow();
            if (!waitForEnd && !dryRun && !operation.status().isTerminal()) {
                out.println(what + " " + operationId + " started; follow it with ./lmi status " + operationId + " --watch");
                return 0;
            }
            if (output == OutputFormat.table) {
                out.println(what + " " + operationId + ":");
            }
            Operation ended = output == OutputFormat.table ? StatusCommand.follow(client, operation, out)
                    : client.await(operationId, op -> op.status().isTerminal(), Duration.ofDays(2));
            OperationPrinter.record(out, ended, output == OutputFormat.json ? client.timeline(operationId) : List.of(), output);
            boolean plannedOnly = ended.outcome().map(o -> "DRY_RUN".equals(o.code())).orElse(false);
            if (plannedOnly && output == OutputFormat.table) {
                JsonNode changes = ended.factsDocument().at(changesPath);
                out.println("  planned changes (none made):");
                changes.forEach(change -> out.println("    - " + change.asText()));
            }
            return ended.status() == success || plannedOnly ? 0 : ErrorHandler.FAILED;
        }
    }
}

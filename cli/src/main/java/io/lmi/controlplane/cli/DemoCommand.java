package io.lmi.controlplane.cli;

import io.lmi.controlplane.cli.local.demo.Demo;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.local.LocalAws;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The main job, locally and end to end: starts the local AWS, seeds a realistic account, deploys the",
                "control plane from template.yaml, puts a MigrationRequested event on its bus and shows each step.",
                "Scenarios: migrate (default; ends COMPLETED), alarm (a gate alarm fires at 50%; ends ROLLED_BACK),",
                "rollout (after the migration, a new version is published and promoted; ends PROMOTED), rollout-alarm",
                "(the new version fails from 50% on; the alias goes back; ends ROLLED_BACK)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the scenario ended as it should", "1:it did not", "3:the local AWS cannot run here (install hint printed)"})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", defaultValue = "migrate",
            description = "migrate, alarm, rollout or rollout-alarm (default: ${DEFAULT-VALUE}).")
    String scenario;

    @Option(names = "--bake", defaultValue = "10s", description = "Bake time between steps (default: ${DEFAULT-VALUE}; AWS default 15m).")
    String bake;

    @Option(names = "--output", defaultValue = "table", description = "table, or json for the final ledger record.")
    OutputFormat output;

    @Option(names = "--port", defaultValue = "0", description = "Port of the local AWS (default: a free one).")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        Demo.Scenario chosen = switch (scenario) {
            case "migrate" -> Demo.Scenario.MIGRATE;
            case "alarm" -> Demo.Scenario.ALARM;
            case "rollout" -> Demo.Scenario.ROLLOUT;
            case "rollout-alarm" -> Demo.Scenario.ROLLOUT_ALARM;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--scenario must be migrate, alarm, rollout or rollout-alarm, got " + scenario);
        };
        PrintWriter out = spec.commandLine().getOut();
        // In JSON mode the progress goes to stderr, so that stdout is exactly the final record.
        PrintWriter progress = output == OutputFormat.json ? spec.commandLine().getErr() : out;
        try (LocalAws localAws = LocalAws.start(port)) {
            progress.println("Local AWS on " + localAws.endpoint() + " (moto " + LocalAws.MOTO_VERSION + " + the project's extensions)");
            Demo.Result result = new Demo(localAws, progress).run(chosen, bake, entry -> {
                progress.println("  " + OperationPrinter.line(entry));
                progress.flush();
            });
            OperationStatus expected = switch (chosen) {
                case MIGRATE -> OperationStatus.COMPLETED;
                case ROLLOUT -> OperationStatus.PROMOTED;
                default -> OperationStatus.ROLLED_BACK;
            };
            var operation = result.operation();
            if (output == OutputFormat.json) {
                out.println(Json.writePretty(OperationPrinter.json(operation, result.timeline())));
            } else {
                out.println();
                out.println("Result: " + operation.kind() + " " + operation.status() + (operation.status() == expected
                        ? "" : " (expected " + expected + ")"));
                operation.outcome().ifPresent(o -> out.println("  " + o.message()));
                out.println("  " + Demo.costLine(result.migration()));
                out.println("  where the triggers point now:");
                result.triggersAfter().forEach((trigger, state) -> out.println("    " + trigger + ": " + state));
            }
            return operation.status() == expected ? 0 : ErrorHandler.FAILED;
        }
    }
}

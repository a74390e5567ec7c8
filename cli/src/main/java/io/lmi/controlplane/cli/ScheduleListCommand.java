package io.lmi.controlplane.cli;

import io.lmi.controlplane.aws.schedule.GovernedVersion;
import io.lmi.controlplane.aws.schedule.ScheduleLedger;
import io.lmi.controlplane.aws.schedule.StoredSchedule;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code ./lmi schedule list [FUNCTION]}: the capacity schedules in the ledger (all, or those governing FUNCTION, by
 * their own or through a selector), with what each last set on each version it governs, when and by whom.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the capacity schedules the control plane keeps, and what each last set on each version.")
public class ScheduleListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ControlPlaneOptions target;

    @Parameters(arity = "0..1", paramLabel = "FUNCTION", description = "Only the schedules governing this function.")
    private String function;

    @Option(names = "--output", defaultValue = "table", paramLabel = "table|json", description = "table or json.")
    private OutputFormat output;

    @Override
    public Integer call() {
        if (function != null && !ScheduleRemoveCommand.FUNCTION.matcher(function).matches()) {
            throw new ParameterException(spec.commandLine(), "FUNCTION \"" + function + "\" is not a function name "
                    + "(1-64 letters, digits, - or _) nor an unqualified function ARN");
        }
        target.check(spec, false);
        ControlPlaneOptions.Resolved resolved = target.resolveTable(spec, spec.commandLine().getErr());
        List<StoredSchedule> schedules;
        try (var clients = resolved.clients();
             DynamoDbClient dynamo = clients.configure(DynamoDbClient.builder()).build()) {
            schedules = new ScheduleLedger(dynamo, resolved.table(), Clock.systemUTC()).all();
        }
        String name = function == null ? null : function.substring(function.lastIndexOf(':') + 1);
        List<StoredSchedule> shown = schedules.stream()
                .filter(s -> name == null || s.key().equals(name) || s.governed().containsKey(name))
                .sorted(Comparator.comparing(StoredSchedule::key)).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.json) {
            out.println(ScheduleRequests.json(shown));
        } else if (shown.isEmpty()) {
            out.println(name == null ? "No capacity schedules." : "No capacity schedule governs " + name + ".");
        } else {
            TextTable table = new TextTable("SCHEDULE", "QUALIFIER", "TIMEZONE", "ENVIRONMENT", "SCHEDULER", "APPLIED",
                    "GOVERNS (last set)");
            for (StoredSchedule s : shown) {
                table.row(s.key(), s.qualifier(), s.schedule().path("timezone").asText(),
                        s.schedule().path("environment").asText(), s.schedulerSchedules().size() + " schedules",
                        s.appliedAt() + " by " + s.appliedBy(), governs(s));
            }
            out.print(table.render());
        }
        out.flush();
        return 0;
    }

    private static String governs(StoredSchedule schedule) {
        if (schedule.governed().isEmpty()) {
            return "(no version yet)";
        }
        return schedule.governed().values().stream().map(ScheduleListCommand::describe)
                .collect(Collectors.joining("; "));
    }

    private static String describe(GovernedVersion v) {
        return v.function() + ":" + v.qualifier() + " " + v.lastSet() + " at " + v.setAt() + " by " + v.setBy();
    }
}

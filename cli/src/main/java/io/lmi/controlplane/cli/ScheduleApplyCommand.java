package io.lmi.controlplane.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lmi.controlplane.aws.schedule.ScheduleRequest;
import io.lmi.controlplane.core.schedule.ScheduleJson;
import io.lmi.controlplane.core.schedule.ValidatedSchedule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ./lmi schedule apply --file F}: checks the schedule here (a bad file exits 2 naming each field, and nothing
 * is sent), puts it on the control plane's bus as CapacityScheduleRequested, and prints the outcome the control plane
 * records: the EventBridge Scheduler schedules and the capacity the function has now.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Apply a capacity schedule: the control plane stores it, creates its EventBridge Scheduler "
                + "schedules, and sets what the calendar says now.",
                "The file is checked here first; the control plane also checks that the function runs on Lambda "
                        + "Managed Instances and that the version exists.",
                "Exit codes: 0 applied, 1 failed (changes undone) or no answer, 2 refused."})
public class ScheduleApplyCommand implements Callable<Integer> {

    @ParentCommand
    private ScheduleCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ControlPlaneOptions target;

    @Option(names = "--file", required = true, paramLabel = "F", description = "The schedule, JSON or YAML.")
    private Path file;

    @Option(names = "--requested-by", paramLabel = "WHO", description = "Who asks, for the ledger and the events "
            + "(default: your user name).")
    private String requestedBy;

    @Option(names = "--request-id", paramLabel = "ID", description = "Idempotency key: the same id is applied once "
            + "(default: a new one).")
    private String requestId;

    @Option(names = "--timeout", defaultValue = "" + ScheduleRequests.DEFAULT_TIMEOUT_SECONDS, paramLabel = "SECONDS",
            description = "How long to wait for the outcome (default ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Option(names = "--output", defaultValue = "table", paramLabel = "table|json", description = "table or json.")
    private OutputFormat output;

    @Override
    public Integer call() throws InterruptedException {
        ScheduleRemoveCommand.checkTimeout(spec, timeoutSeconds);
        ScheduleRemoveCommand.checkRequestId(spec, requestId);
        target.check(spec, true);
        ValidatedSchedule schedule = ScheduleFiles.load(spec, file, parent.clock().instant());
        String id = requestId == null ? ScheduleRequests.newRequestId() : requestId;
        ObjectNode detail = ScheduleRequest.applyDetail(ScheduleJson.toTree(schedule.schedule()), id,
                requestedBy == null ? ScheduleRequests.defaultRequester() : requestedBy);
        ControlPlaneOptions.Resolved resolved = target.resolve(spec, spec.commandLine().getErr());
        try (var clients = resolved.clients()) {
            return ScheduleRequests.send(resolved, detail, id, Duration.ofSeconds(timeoutSeconds), output,
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }
}

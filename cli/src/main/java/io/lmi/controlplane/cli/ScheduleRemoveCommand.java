package io.lmi.controlplane.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lmi.controlplane.aws.schedule.ScheduleRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./lmi schedule remove FUNCTION [--qualifier Q]} (or {@code --tag k=v ...} for a selector's schedule): the
 * control plane deletes the schedule's EventBridge Scheduler schedules and gives every version it governed Lambda's
 * default back (Min 3, no maximum).
 */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = {"Remove a capacity schedule: its EventBridge Scheduler schedules are deleted and every version "
                + "it governed gets Lambda's default back (Min 3, no maximum).",
                "Exit codes: 0 removed, 1 failed (changes undone) or no answer, 2 refused (nothing to remove)."})
public class ScheduleRemoveCommand implements Callable<Integer> {
    static final Pattern FUNCTION = Pattern.compile(
            "[a-zA-Z0-9_-]{1,64}|arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[a-zA-Z0-9_-]{1,64}");
    static final Pattern QUALIFIER = Pattern.compile("\\$LATEST\\.PUBLISHED|[0-9]{1,128}");
    static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");
    /** Lambda's own limit on one invocation is 15 minutes; waiting longer than that for an answer is pointless. */
    static final int MAX_TIMEOUT_SECONDS = 900;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ControlPlaneOptions target;

    @Parameters(arity = "0..1", paramLabel = "FUNCTION", description = "The function whose schedule to remove.")
    private String function;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Instead of FUNCTION: the tags of a selector "
            + "schedule, each as KEY=VALUE (repeat for several).")
    private Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--qualifier", paramLabel = "Q", description = "The version you expect the schedule to govern; "
            + "refused (nothing removed) if it governs another.")
    private String qualifier;

    @Option(names = "--requested-by", paramLabel = "WHO", description = "Who asks (default: your user name).")
    private String requestedBy;

    @Option(names = "--request-id", paramLabel = "ID", description = "Idempotency key (default: a new one).")
    private String requestId;

    @Option(names = "--timeout", defaultValue = "" + ScheduleRequests.DEFAULT_TIMEOUT_SECONDS, paramLabel = "SECONDS",
            description = "How long to wait for the outcome (default ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Option(names = "--output", defaultValue = "table", paramLabel = "table|json", description = "table or json.")
    private OutputFormat output;

    @Override
    public Integer call() throws InterruptedException {
        if ((function == null) == tags.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "name the schedule to remove: a FUNCTION, or its "
                    + "selector's tags with --tag KEY=VALUE (not both)");
        }
        if (function != null && !FUNCTION.matcher(function).matches()) {
            throw new ParameterException(spec.commandLine(), "FUNCTION \"" + function + "\" is not a function name "
                    + "(1-64 letters, digits, - or _) nor an unqualified function ARN");
        }
        if (qualifier != null && !QUALIFIER.matcher(qualifier).matches()) {
            throw new ParameterException(spec.commandLine(), "--qualifier \"" + qualifier + "\" is not a version: use "
                    + "a version number or $LATEST.PUBLISHED (never an alias)");
        }
        tags.forEach((key, value) -> {
            if (key.isBlank() || value == null) {
                throw new ParameterException(spec.commandLine(), "--tag " + key + " must be KEY=VALUE");
            }
        });
        checkTimeout(spec, timeoutSeconds);
        checkRequestId(spec, requestId);
        target.check(spec, true);
        String id = requestId == null ? ScheduleRequests.newRequestId() : requestId;
        String by = requestedBy == null ? ScheduleRequests.defaultRequester() : requestedBy;
        ObjectNode detail = ScheduleRequest.removeDetail(function == null ? "" : function, qualifier, id, by);
        if (function == null) {
            detail.remove("function");
            ObjectNode selector = detail.putObject("selector").putObject("tags");
            tags.forEach(selector::put);
        }
        ControlPlaneOptions.Resolved resolved = target.resolve(spec, spec.commandLine().getErr());
        try (var clients = resolved.clients()) {
            return ScheduleRequests.send(resolved, detail, id, Duration.ofSeconds(timeoutSeconds), output,
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }

    static void checkTimeout(CommandSpec spec, int seconds) {
        if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
            throw new ParameterException(spec.commandLine(), "--timeout must be 1 to " + MAX_TIMEOUT_SECONDS
                    + " seconds, got " + seconds);
        }
    }

    static void checkRequestId(CommandSpec spec, String requestId) {
        if (requestId != null && !REQUEST_ID.matcher(requestId).matches()) {
            throw new ParameterException(spec.commandLine(), "--request-id \"" + requestId + "\" must be 1-128 "
                    + "letters, digits or ._:@/+=-");
        }
    }
}

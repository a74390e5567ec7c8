package io.lmi.controlplane.cli;

import io.lmi.controlplane.aws.schedule.DriftReport;
import io.lmi.controlplane.aws.schedule.ScheduleChange;
import io.lmi.controlplane.aws.schedule.ScheduleLedger;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code ./lmi schedule history SCHEDULE}: every scaling change a schedule made (who, when, from what to what, and
 * why) and every drift it found (a hand changed the scaling config), newest first. The ledger keeps them for
 * {@link ScheduleLedger#HISTORY_RETENTION} after the schedule is removed, so a removed schedule's history is shown too.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Show the scaling changes a capacity schedule made and the drift it found, newest first.")
public class ScheduleHistoryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ControlPlaneOptions target;

    @Parameters(paramLabel = "SCHEDULE", description = "The schedule's key as `schedule list` shows it: the function's "
            + "name, or tags:KEY=VALUE,... for a selector.")
    private String schedule;

    @Option(names = "--limit", defaultValue = "50", paramLabel = "N", description = "Newest N entries (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--output", defaultValue = "table", paramLabel = "table|json", description = "table or json.")
    private OutputFormat output;

    /** One line of the history: a change or a drift, with the instant they share for ordering. */
    private record Entry(Instant at, String kind, Map<String, Object> fields) {
    }

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be 1 or more, got " + limit);
        }
        target.check(spec, false);
        ControlPlaneOptions.Resolved resolved = target.resolveTable(spec, spec.commandLine().getErr());
        List<Entry> entries = new ArrayList<>();
        try (var clients = resolved.clients();
             DynamoDbClient dynamo = clients.configure(DynamoDbClient.builder()).build()) {
            ScheduleLedger ledger = new ScheduleLedger(dynamo, resolved.table(), Clock.systemUTC());
            ledger.changes(schedule).forEach(change -> entries.add(change(change)));
            ledger.drifts(schedule).forEach(drift -> entries.add(drift(drift)));
        }
        List<Entry> shown = entries.stream().sorted(Comparator.comparing(Entry::at).reversed()).limit(limit).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.json) {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Entry e : shown) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("at", e.at().toString());
                document.put("kind", e.kind());
                document.putAll(e.fields());
                documents.add(document);
            }
            out.println(ScheduleRequests.json(documents));
        } else if (shown.isEmpty()) {
            out.println("No recorded change or drift for schedule " + schedule + " (see `./lmi schedule list` for keys).");
        } else {
            TextTable table = new TextTable("AT", "KIND", "VERSION", "FROM", "TO", "BY", "WHY");
            for (Entry e : shown) {
                Map<String, Object> f = e.fields();
                table.row(e.at().toString(), e.kind(), f.get("function") + ":" + f.get("qualifier"),
                        String.valueOf(f.get("from")), String.valueOf(f.get("to")), String.valueOf(f.get("by")),
                        String.valueOf(f.get("why")));
            }
            out.print(table.render());
        }
        out.flush();
        return 0;
    }

    private static Entry change(ScheduleChange c) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("function", c.function());
        f.put("qualifier", c.qualifier());
        f.put("from", c.from() == null ? "-" : c.from().toString());
        f.put("to", c.to().toString());
        f.put("by", c.by());
        StringBuilder why = new StringBuilder(c.cause().name());
        if (c.transition() != null) {
            why.append(' ').append(c.transition());
        }
        if (c.outcome() != ScheduleChange.Outcome.CHANGED) {
            why.append(" (").append(c.outcome()).append(')');
        }
        if (c.reason() != null) {
            why.append(": ").append(c.reason());
        }
        if (c.note() != null) {
            why.append("; ").append(c.note());
        }
        f.put("why", why.toString());
        return new Entry(c.at(), "CHANGE", f);
    }

    private static Entry drift(DriftReport d) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("function", d.function());
        f.put("qualifier", d.qualifier());
        // A drift's "from" is what the schedule had set, its "to" what was found: the change somebody else made.
        f.put("from", d.expected().toString());
        f.put("to", d.found().toString());
        f.put("by", d.detectedBy());
        f.put("why", "scaling config changed outside the schedule (expected since " + d.expectedSince() + " by "
                + d.expectedSetBy() + "); " + d.action());
        return new Entry(d.at(), "DRIFT", f);
    }
}

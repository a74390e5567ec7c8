package io.lmi.controlplane.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.StepEntry;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** How migrations and rollouts look on a terminal, and as JSON (the ledger record plus its timeline). */
final class OperationPrinter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private OperationPrinter() {
    }

    static void record(PrintWriter out, Operation operation, List<StepEntry> timeline, OutputFormat format) {
        if (format == OutputFormat.json) {
            out.println(Json.writePretty(json(operation, timeline)));
            return;
        }
        out.println(operation.kind().name().charAt(0) + operation.kind().name().substring(1).toLowerCase() + " "
                + operation.id() + " of " + operation.functionName() + ": " + operation.status()
                + operation.trafficPercent().map(p -> " (" + p + "% of traffic on LMI)").orElse("")
                + (operation.dryRun() ? " [dry run]" : ""));
        out.println("  started " + TIME.format(operation.startedAt()) + " UTC"
                + operation.endedAt().map(end -> ", ended " + TIME.format(end) + " UTC after "
                + humanDuration(Duration.between(operation.startedAt(), end))).orElse(", at step " + operation.currentStep()));
        operation.outcome().ifPresent(outcome -> out.println("  outcome: " + outcome.code() + ": " + outcome.message()));
        if (operation.control().waitingFor() != null) {
            out.println("  waiting for " + operation.control().waitingFor().toLowerCase() + ": "
                    + operation.control().instructions());
        }
        if (!timeline.isEmpty()) {
            out.println("  timeline:");
            timeline.forEach(entry -> out.println("    " + line(entry)));
        }
    }

    static String line(StepEntry entry) {
        return TIME.format(entry.at()).substring(11) + "  " + pad(entry.step(), 18) + " " + entry.message();
    }

    static void history(PrintWriter out, List<Operation> operations, OutputFormat format) {
        if (format == OutputFormat.json) {
            out.println(Json.writePretty(operations));
            return;
        }
        if (operations.isEmpty()) {
            out.println("no migrations or rollouts recorded");
            return;
        }
        for (Operation op : operations) {
            out.println(pad(op.id(), 42) + " " + pad(op.kind().name(), 9) + " " + pad(op.functionName(), 28) + " "
                    + pad(op.status().name(), 20) + " " + TIME.format(op.startedAt())
                    + op.outcome().map(o -> "  " + o.code()).orElse(""));
        }
    }

    static ObjectNode json(Operation operation, List<StepEntry> timeline) {
        ObjectNode node = (ObjectNode) Json.tree(operation);
        node.set("timeline", Json.tree(timeline));
        return node;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    static String humanDuration(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds < 120 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }
}

package io.lmi.controlplane.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lmi.controlplane.core.schedule.CapacityChange;
import io.lmi.controlplane.core.schedule.CapacitySchedule;
import io.lmi.controlplane.core.schedule.PlannedChange;
import io.lmi.controlplane.core.schedule.ScheduleJson;
import io.lmi.controlplane.core.schedule.SchedulePlan;
import io.lmi.controlplane.core.schedule.SchedulePlanner;
import io.lmi.controlplane.core.schedule.ScheduleTarget;
import io.lmi.controlplane.core.schedule.ScheduledTransition;
import io.lmi.controlplane.core.schedule.ValidatedSchedule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ./lmi schedule plan --file F [--output table|json] [--from ISO] [--days N]}: compile offline and show it all. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Compile a capacity schedule offline: print every EventBridge Scheduler schedule it creates "
                + "(expression, time zone, the min and max it sets, and why) and every capacity change in a window.",
                "Exits 2 naming each offending field when the schedule breaks a rule."})
public class SchedulePlanCommand implements Runnable {
    /** A week shows every recurring transition at least once. */
    static final int DEFAULT_DAYS = 7;
    /** A year of changes is the longest window worth printing. */
    static final int MAX_DAYS = 366;
    static final String LMI_NOT_CHECKED = "not checked offline: whether the function runs on Lambda Managed Instances "
            + "is checked when the schedule is applied";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd EEE HH:mm");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @ParentCommand
    private ScheduleCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--file", required = true, paramLabel = "F", description = "The schedule, JSON or YAML.")
    private Path file;

    @Option(names = "--output", defaultValue = "table", paramLabel = "table|json",
            description = "table (default) or json.")
    private OutputFormat output;

    @Option(names = "--from", paramLabel = "ISO", description = "Start of the window of changes: 2026-12-01, "
            + "2026-12-01T08:00 (schedule's zone) or 2026-12-01T08:00:00Z. Default: now.")
    private String from;

    @Option(names = "--days", defaultValue = "" + DEFAULT_DAYS, paramLabel = "N",
            description = "Length of the window of changes in days (default ${DEFAULT-VALUE}).")
    private int days;

    @Override
    public void run() {
        ScheduleFiles.checkDays(spec, days, MAX_DAYS);
        Instant now = parent.clock().instant();
        ValidatedSchedule schedule = ScheduleFiles.load(spec, file, now);
        Instant start = ScheduleFiles.from(spec, from, schedule.schedule().timezone(), now);
        SchedulePlan plan = SchedulePlanner.plan(schedule, now, start, start.plus(Duration.ofDays(days)));
        PrintWriter out = spec.commandLine().getOut();
        out.print(output == OutputFormat.json ? json(plan) : table(plan));
        out.flush();
    }

    static String describeTarget(CapacitySchedule schedule) {
        return schedule.target() instanceof ScheduleTarget.FunctionTarget f ? "function " + f.function()
                : "functions tagged " + ((ScheduleTarget.TagSelector) schedule.target()).tags();
    }

    private static String table(SchedulePlan plan) {
        CapacitySchedule schedule = plan.schedule();
        ZoneId zone = schedule.timezone();
        StringBuilder out = new StringBuilder();
        out.append("Capacity schedule for ").append(describeTarget(schedule)).append(", qualifier ")
                .append(schedule.qualifier()).append(" (").append(schedule.environment().text()).append(", ")
                .append(zone.getId()).append(")").append(System.lineSeparator());
        out.append("Managed Instances: ").append(LMI_NOT_CHECKED).append(System.lineSeparator())
                .append(System.lineSeparator());
        out.append("EventBridge Scheduler schedules (").append(plan.transitions().size()).append("); each wakes the "
                + "shaper, which sets the schedule's min/max at that moment:").append(System.lineSeparator());
        TextTable transitions = new TextTable("NAME", "EXPRESSION", "TIMEZONE", "MIN", "MAX", "WHY");
        for (ScheduledTransition t : plan.transitions()) {
            transitions.row(t.name(), t.expression(), t.timezone(), t.limits().min(), t.limits().max(), t.reason());
        }
        out.append(transitions.render()).append(System.lineSeparator());
        out.append("Capacity changes from ").append(LOCAL.format(plan.from().atZone(zone))).append(" to ")
                .append(LOCAL.format(plan.to().atZone(zone))).append(' ').append(zone.getId()).append(" (")
                .append(plan.changes().size()).append("):").append(System.lineSeparator());
        TextTable changes = new TextTable("WHEN (" + zone.getId() + ")", "UTC", "MIN/MAX", "WAS", "WHY", "FIRED BY");
        for (PlannedChange planned : plan.changes()) {
            CapacityChange c = planned.change();
            changes.row(LOCAL.format(c.local()), c.at(), c.after().limits(), c.before().limits(), c.reason(),
                    planned.firedBy().isEmpty() ? "(in the past)" : String.join(", ", planned.firedBy()));
        }
        out.append(changes.render());
        return out.toString();
    }

    private static String json(SchedulePlan plan) {
        ObjectNode root = JSON.createObjectNode();
        root.set("schedule", ScheduleJson.toTree(plan.schedule()));
        root.put("managedInstances", LMI_NOT_CHECKED);
        ArrayNode transitions = root.putArray("transitions");
        for (ScheduledTransition t : plan.transitions()) {
            ObjectNode node = transitions.addObject();
            node.put("name", t.name());
            node.put("recurring", t.recurring());
            node.put("expression", t.expression());
            node.put("timezone", t.timezone());
            node.put("min", t.limits().min());
            node.put("max", t.limits().max());
            node.put("reason", t.reason());
        }
        ObjectNode window = root.putObject("window");
        window.put("from", plan.from().toString());
        window.put("to", plan.to().toString());
        ArrayNode changes = root.putArray("changes");
        for (PlannedChange planned : plan.changes()) {
            CapacityChange c = planned.change();
            ObjectNode node = changes.addObject();
            node.put("at", c.at().toString());
            node.put("local", c.local().toLocalDateTime().toString());
            node.put("min", c.after().min());
            node.put("max", c.after().max());
            node.put("previousMin", c.before().min());
            node.put("previousMax", c.before().max());
            node.put("reason", c.reason());
            ArrayNode firedBy = node.putArray("firedBy");
            planned.firedBy().forEach(firedBy::add);
        }
        try {
            return JSON.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }
}

package io.lmi.controlplane.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lmi.controlplane.core.schedule.InstanceHourPricing;
import io.lmi.controlplane.core.schedule.SavingsBaseline;
import io.lmi.controlplane.core.schedule.SavingsEstimate;
import io.lmi.controlplane.core.schedule.SavingsEstimator;
import io.lmi.controlplane.core.schedule.ValidatedSchedule;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ./lmi schedule savings --file F [--days N] [--ee-per-instance N --instance-hour-usd X]}: execution-environment
 * hours held by the schedule against a flat floor, and in instance-hours and dollars when the pricing is given.
 */
@Command(name = "savings", mixinStandardHelpOptions = true,
        description = "Estimate what a capacity schedule saves against holding one floor all the time.")
public class ScheduleSavingsCommand implements Runnable {
    /** About a month: the period a bill covers. */
    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 366;
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @ParentCommand
    private ScheduleCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--file", required = true, paramLabel = "F", description = "The schedule, JSON or YAML.")
    private Path file;

    @Option(names = "--days", defaultValue = "" + DEFAULT_DAYS, paramLabel = "N",
            description = "Length of the estimate in days (default ${DEFAULT-VALUE}).")
    private int days;

    @Option(names = "--from", paramLabel = "ISO", description = "Start of the estimate (default: now); same forms as "
            + "plan --from.")
    private String from;

    @Option(names = "--flat-floor", paramLabel = "N", description = "The floor to compare with. Default: the highest "
            + "min of the default and the periods, which a schedule-less setup would hold all the time.")
    private Integer flatFloor;

    @Option(names = "--ee-per-instance", paramLabel = "N",
            description = "Execution environments one instance holds for this function (from the cost engine).")
    private BigDecimal executionEnvironmentsPerInstance;

    @Option(names = "--instance-hour-usd", paramLabel = "X",
            description = "All-in USD per instance-hour: EC2 after discounts plus the 15%% management fee.")
    private BigDecimal usdPerInstanceHour;

    @Option(names = "--output", defaultValue = "table", paramLabel = "table|json",
            description = "table (default) or json.")
    private OutputFormat output;

    @Override
    public void run() {
        ScheduleFiles.checkDays(spec, days, MAX_DAYS);
        Optional<InstanceHourPricing> pricing = pricing();
        if (flatFloor != null && flatFloor < 0) {
            throw new ParameterException(spec.commandLine(), "--flat-floor cannot be negative, got " + flatFloor);
        }
        Instant now = parent.clock().instant();
        ValidatedSchedule schedule = ScheduleFiles.load(spec, file, now);
        Instant start = ScheduleFiles.from(spec, from, schedule.schedule().timezone(), now);
        SavingsBaseline baseline = flatFloor == null ? new SavingsBaseline.PeakRecurringFloor()
                : new SavingsBaseline.Flat(flatFloor);
        SavingsEstimate estimate = SavingsEstimator.estimate(schedule, start, start.plus(Duration.ofDays(days)),
                baseline, pricing);
        PrintWriter out = spec.commandLine().getOut();
        out.print(output == OutputFormat.json ? json(estimate) : table(schedule, estimate));
        out.flush();
    }

    private Optional<InstanceHourPricing> pricing() {
        if (executionEnvironmentsPerInstance == null && usdPerInstanceHour == null) {
            return Optional.empty();
        }
        if (executionEnvironmentsPerInstance == null || usdPerInstanceHour == null) {
            throw new ParameterException(spec.commandLine(), "give --ee-per-instance and --instance-hour-usd together "
                    + "(missing " + (executionEnvironmentsPerInstance == null ? "--ee-per-instance" : "--instance-hour-usd")
                    + ")");
        }
        try {
            return Optional.of(new InstanceHourPricing(executionEnvironmentsPerInstance, usdPerInstanceHour));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), (executionEnvironmentsPerInstance.signum() <= 0
                    ? "--ee-per-instance: " : "--instance-hour-usd: ") + e.getMessage());
        }
    }

    private String table(ValidatedSchedule schedule, SavingsEstimate e) {
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder();
        out.append("Savings of the capacity schedule for ").append(SchedulePlanCommand.describeTarget(schedule.schedule()))
                .append(" over ").append(days).append(days == 1 ? " day" : " days").append(" from ").append(e.from())
                .append(nl).append("Compared with ").append(e.baseline()).append("; computed on floors (min), since "
                        + "capacity above the floor follows traffic either way.").append(nl).append(nl);
        TextTable table = new TextTable("", "SCHEDULED", "FLAT FLOOR", "SAVED");
        table.row("execution-environment-hours", e.scheduledExecutionEnvironmentHours(),
                e.baselineExecutionEnvironmentHours(), e.savedExecutionEnvironmentHours());
        e.dollars().ifPresent(d -> {
            table.row("instance-hours", d.scheduledInstanceHours(), d.baselineInstanceHours(), d.savedInstanceHours());
            table.row("USD", d.scheduledUsd(), d.baselineUsd(), d.savedUsd());
        });
        out.append(table.render());
        if (e.dollars().isEmpty()) {
            out.append(nl).append("Pass --ee-per-instance and --instance-hour-usd for instance-hours and dollars.")
                    .append(nl);
        } else {
            out.append(nl).append("Pricing: ").append(e.dollars().get().pricing().executionEnvironmentsPerInstance())
                    .append(" execution environments per instance, $")
                    .append(e.dollars().get().pricing().usdPerInstanceHour()).append(" per instance-hour.").append(nl);
        }
        return out.toString();
    }

    private static String json(SavingsEstimate e) {
        ObjectNode root = JSON.createObjectNode();
        root.put("from", e.from().toString());
        root.put("to", e.to().toString());
        root.put("baseline", e.baseline());
        root.put("baselineFloor", e.baselineFloor());
        ObjectNode hours = root.putObject("executionEnvironmentHours");
        hours.put("scheduled", e.scheduledExecutionEnvironmentHours());
        hours.put("baseline", e.baselineExecutionEnvironmentHours());
        hours.put("saved", e.savedExecutionEnvironmentHours());
        e.dollars().ifPresent(d -> {
            ObjectNode instanceHours = root.putObject("instanceHours");
            instanceHours.put("scheduled", d.scheduledInstanceHours());
            instanceHours.put("baseline", d.baselineInstanceHours());
            instanceHours.put("saved", d.savedInstanceHours());
            ObjectNode usd = root.putObject("usd");
            usd.put("scheduled", d.scheduledUsd());
            usd.put("baseline", d.baselineUsd());
            usd.put("saved", d.savedUsd());
            ObjectNode pricing = root.putObject("pricing");
            pricing.put("executionEnvironmentsPerInstance", d.pricing().executionEnvironmentsPerInstance());
            pricing.put("usdPerInstanceHour", d.pricing().usdPerInstanceHour());
        });
        try {
            return JSON.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a tree of plain values always serialises", ex);
        }
    }
}

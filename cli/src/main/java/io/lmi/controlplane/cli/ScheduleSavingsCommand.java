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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ./lmi schedule savings --file F [--days N] [function and price flags]}: execution-environment-hours held by
 * the schedule against a flat floor, and the instance-hours and dollars they come to at the cost engine's prices
 * ({@link SavingsPricingOptions}).
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

    @Mixin
    private SavingsPricingOptions pricingOptions;

    @Option(names = "--output", defaultValue = "table", paramLabel = "table|json",
            description = "table (default) or json.")
    private OutputFormat output;

    @Override
    public void run() {
        ScheduleFiles.checkDays(spec, days, MAX_DAYS);
        SavingsPricingOptions.Resolved pricing = pricingOptions.resolve(spec, parent.pricesDirectory());
        if (flatFloor != null && flatFloor < 0) {
            throw new ParameterException(spec.commandLine(), "--flat-floor cannot be negative, got " + flatFloor);
        }
        Instant now = parent.clock().instant();
        ValidatedSchedule schedule = ScheduleFiles.load(spec, file, now);
        Instant start = from == null ? startOfToday(schedule.schedule().timezone(), now)
                : ScheduleFiles.from(spec, from, schedule.schedule().timezone(), now);
        SavingsBaseline baseline = flatFloor == null ? new SavingsBaseline.PeakRecurringFloor()
                : new SavingsBaseline.Flat(flatFloor);
        SavingsEstimate estimate = SavingsEstimator.estimate(schedule, start, start.plus(Duration.ofDays(days)),
                baseline, Optional.of(pricing.pricing()));
        PrintWriter out = spec.commandLine().getOut();
        out.print(output == OutputFormat.json ? json(estimate, pricing) : table(schedule, estimate, pricing));
        out.flush();
    }

    /**
     * Without --from the estimate starts at midnight today in the schedule's time zone, so that its hours are whole
     * and a run later in the day gives the same answer.
     */
    private static Instant startOfToday(ZoneId zone, Instant now) {
        return LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
    }

    private String table(ValidatedSchedule schedule, SavingsEstimate e, SavingsPricingOptions.Resolved pricing) {
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
        out.append(nl).append("Pricing: ").append(describe(pricing)).append(nl);
        return out.toString();
    }

    private static String describe(SavingsPricingOptions.Resolved resolved) {
        InstanceHourPricing p = resolved.pricing();
        String used = p.executionEnvironmentsPerInstance().toPlainString() + " execution environments per instance, $"
                + p.usdPerInstanceHour().toPlainString() + " per instance-hour.";
        return resolved.quote().map(q -> used + " Cost engine: " + q.instanceType() + " holds "
                + q.environmentsPerInstance() + " environments of " + q.shape().functionMemoryMb() + " MB and "
                + q.shape().vcpusPerEnvironment() + " vCPU; on demand $" + q.onDemandHourlyUsd().toPlainString()
                + " + " + q.managementFeeRate().movePointRight(2).stripTrailingZeros().toPlainString()
                + "% management fee = $" + q.usdPerInstanceHour().toPlainString() + " an hour (" + q.region()
                + ", prices as of " + q.priceAsOf() + ", " + q.priceOrigin() + "). --ee-per-instance and "
                + "--instance-hour-usd override.").orElse(used + " (both given by hand)");
    }

    private static String json(SavingsEstimate e, SavingsPricingOptions.Resolved resolved) {
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
            resolved.quote().ifPresent(q -> {
                ObjectNode engine = pricing.putObject("costEngine");
                engine.put("region", q.region());
                engine.put("pricesAsOf", q.priceAsOf().toString());
                engine.put("priceOrigin", q.priceOrigin());
                engine.put("instanceType", q.instanceType());
                engine.put("environmentsPerInstance", q.environmentsPerInstance());
                engine.put("environmentMemoryMb", q.shape().functionMemoryMb());
                engine.put("environmentVcpus", q.shape().vcpusPerEnvironment());
                engine.put("onDemandHourlyUsd", q.onDemandHourlyUsd());
                engine.put("managementFeeRate", q.managementFeeRate());
                engine.put("usdPerInstanceHour", q.usdPerInstanceHour());
            });
        });
        try {
            return JSON.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a tree of plain values always serialises", ex);
        }
    }
}

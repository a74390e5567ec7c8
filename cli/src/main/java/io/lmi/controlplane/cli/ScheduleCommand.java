package io.lmi.controlplane.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./lmi schedule}: capacity schedules. Offline, {@code plan} compiles a schedule file and shows every
 * EventBridge Scheduler schedule and capacity change it would create, and {@code savings} estimates what it saves.
 * Against a control plane, {@code apply} and {@code remove} send CapacityScheduleRequested and print the outcome, and
 * {@code list} reads the ledger. A schedule that breaks a guardrail exits 2 and names each offending field.
 */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        subcommands = {SchedulePlanCommand.class, ScheduleSavingsCommand.class, ScheduleApplyCommand.class,
                ScheduleListCommand.class, ScheduleHistoryCommand.class, ScheduleRemoveCommand.class},
        description = "Capacity schedules: raise and lower MinExecutionEnvironments on a calendar.")
public class ScheduleCommand implements Runnable {
    private final Clock clock;
    private final Path pricesDirectory;

    @Spec
    private CommandSpec spec;

    public ScheduleCommand() {
        this(Clock.systemUTC());
    }

    /** With a given clock: dates in the past are refused relative to it, and plans start from it. */
    public ScheduleCommand(Clock clock) {
        this(clock, CostCommand.DEFAULT_PRICES_DIRECTORY);
    }

    /** @param pricesDirectory where refreshed price tables are looked for (tests point it at a temporary directory) */
    public ScheduleCommand(Clock clock, Path pricesDirectory) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pricesDirectory = Objects.requireNonNull(pricesDirectory, "pricesDirectory");
    }

    Path pricesDirectory() {
        return pricesDirectory;
    }

    Clock clock() {
        return clock;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: use plan, savings, apply, list or remove");
    }
}

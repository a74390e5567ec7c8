package io.lmi.controlplane.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "lmi",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Moves AWS Lambda functions onto Lambda Managed Instances and keeps them running well there.",
                "Runs against a deployed control plane, or against the local AWS (see local-aws)."},
        subcommands = {AssessCommand.class, CostCommand.class, MigrateCommand.class, RolloutCommand.class, StatusCommand.class, ControlCommands.Approve.class,
                ControlCommands.Pause.class, ControlCommands.Resume.class, ControlCommands.Abort.class,
                DemoCommand.class, LocalAwsCommand.class, RefreshPricesCommand.class, ScheduleCommand.class})
public final class LmiCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required; see lmi --help");
    }
}

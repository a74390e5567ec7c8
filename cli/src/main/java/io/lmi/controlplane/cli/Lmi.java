package io.lmi.controlplane.cli;

import picocli.CommandLine;

/** {@code ./lmi}: the command line of the LMI control plane. */
public final class Lmi {
    private Lmi() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call {@code execute} on it. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new LmiCommand());
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        return commandLine;
    }
}

package io.lmi.controlplane.e2e;

import io.lmi.controlplane.cli.Lmi;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** {@code ./lmi} run in the test's JVM, exactly as the launcher runs it, with what it printed. */
final class Cli {
    private Cli() {
    }

    record Run(int exitCode, String out, String err) {
    }

    static Run lmi(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Lmi.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }
}

package io.lmi.controlplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Argument errors of schedule apply, list and remove: exit 2 with the field named, before anything is sent. */
class ScheduleControlCommandsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    /** Nothing listens here: a command that tried to reach AWS would fail with exit 1, not 2. */
    private static final String NOWHERE = "http://127.0.0.1:9";

    @TempDir
    Path temp;

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new ScheduleCommand(CLOCK));
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(temp.resolve(name), content);
    }

    @Test
    void applyWantsAFile() {
        Run run = run("apply", "--endpoint", NOWHERE);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--file=F'");
    }

    @Test
    void applyRefusesABadFileHereNamingEveryFieldAndSendsNothing() throws Exception {
        Path bad = file("bad.yaml", """
                function: orders
                qualifier: live
                timezone: Mars/Olympus
                default: {min: 0, max: 0}
                periods:
                  - {name: day, days: [MONDAY], start: "8:00", end: "18:00", min: 5, max: 20}
                """);

        Run run = run("apply", "--file", bad.toString(), "--endpoint", NOWHERE, "--bus", "b", "--table", "t");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("qualifier: \"live\" is not a version", "timezone: \"Mars/Olympus\"",
                "periods[0].days[0]", "periods[0].start: \"8:00\" is not a time", "default.min")
                .doesNotContain("no outcome");
        assertThat(run("apply", "--file", temp.resolve("missing.json").toString(), "--endpoint", NOWHERE).err())
                .contains("no such file");
    }

    @Test
    void busAndTableGoTogether() throws Exception {
        Path good = file("good.json", """
                {"function": "orders", "qualifier": "1", "timezone": "UTC", "default": {"min": 3, "max": 10}}""");

        Run run = run("apply", "--file", good.toString(), "--endpoint", NOWHERE, "--bus", "b");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--bus and --table go together");
        assertThat(run("apply", "--file", good.toString(), "--endpoint", "not a url", "--bus", "b", "--table", "t")
                .err()).contains("--endpoint not a url is not a URL");
        assertThat(run("apply", "--file", good.toString(), "--endpoint", NOWHERE, "--timeout", "0").err())
                .contains("--timeout must be 1 to 900 seconds");
        assertThat(run("apply", "--file", good.toString(), "--endpoint", NOWHERE, "--request-id", "has spaces").err())
                .contains("--request-id \"has spaces\" must be");
    }

    @Test
    void removeNamesExactlyOneScheduleAndAVersionNeverAnAlias() {
        assertThat(run("remove", "--endpoint", NOWHERE).err()).contains("name the schedule to remove: a FUNCTION");
        assertThat(run("remove", "orders", "--tag", "team=a", "--endpoint", NOWHERE).err())
                .contains("(not both)");
        Run alias = run("remove", "orders", "--qualifier", "live", "--endpoint", NOWHERE);
        assertThat(alias.exitCode()).isEqualTo(2);
        assertThat(alias.err()).contains("--qualifier \"live\" is not a version");
        assertThat(run("remove", "orders:7", "--endpoint", NOWHERE).err())
                .contains("FUNCTION \"orders:7\" is not a function name");
        assertThat(run("remove", "--tag", "team", "--endpoint", NOWHERE).exitCode()).isEqualTo(2);
    }

    @Test
    void listTakesAtMostOneFunctionAndAKnownOutput() {
        assertThat(run("list", "a", "b", "--endpoint", NOWHERE).exitCode()).isEqualTo(2);
        Run output = run("list", "--output", "xml", "--endpoint", NOWHERE);
        assertThat(output.exitCode()).isEqualTo(2);
        assertThat(output.err()).contains("--output");
        assertThat(run("list", "bad name!", "--endpoint", NOWHERE).err()).contains("is not a function name");
    }

    @Test
    void helpListsEverySubcommand() {
        Run run = run("--help");

        assertThat(run.out()).contains("plan", "savings", "apply", "list", "remove");
        assertThat(run("apply", "--help").out()).contains("--stack", "--bus", "--table", "--endpoint",
                "lmi-control-plane");
    }
}

package io.lmi.controlplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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

class ScheduleCommandTest {
    /** Monday 30 November 2026, 12:00 UTC, before every date in the examples. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    private static final Path EXAMPLES = repositoryRoot().resolve("docs/examples");

    @TempDir
    Path temp;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new ScheduleCommand(CLOCK));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static Path repositoryRoot() {
        String root = System.getProperty("lmi.repository.root");
        return root == null ? Path.of("..").toAbsolutePath().normalize() : Path.of(root);
    }

    @Test
    void plan_shouldPrintEverySchedulerScheduleAndEveryChange() {
        Run run = run("plan", "--file", EXAMPLES.resolve("capacity-schedule.yaml").toString(),
                "--from", "2026-12-24", "--days", "2");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("Capacity schedule for function orders-api, qualifier $LATEST.PUBLISHED (production, "
                        + "America/New_York)")
                .contains("EventBridge Scheduler schedules (12)")
                .containsPattern("orders-api-[0-9a-f]{8}-w0800-MON-FRI +cron\\(0 8 \\? \\* MON-FRI \\*\\) +America/New_York"
                        + " +10 +100 +period business-hours starts")
                .contains("at(2026-12-24T22:00:00)")
                .contains("not checked offline")
                .containsPattern("2026-12-25 Fri 08:00 +2026-12-25T13:00:00Z +2/20 +3/20 +period weekend-quiet starts "
                        + "\\(exception 2026-12-25 Christmas Day: like a SUN\\) +orders-api-[0-9a-f]{8}-w0800-MON-FRI");
    }

    @Test
    void plan_json_shouldCarryTheScheduleTheTransitionsAndTheChanges() throws IOException {
        Run run = run("plan", "--file", EXAMPLES.resolve("capacity-schedule.json").toString(), "--output", "json",
                "--from", "2026-12-01T00:00", "--days", "1");

        assertThat(run.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.at("/schedule/selector/tags/team").asText()).isEqualTo("analytics");
        assertThat(json.at("/transitions/0/expression").asText()).isEqualTo("cron(0 7 ? * MON-FRI *)");
        assertThat(json.at("/transitions/0/timezone").asText()).isEqualTo("Europe/Berlin");
        assertThat(json.at("/changes").size()).isEqualTo(3);
        assertThat(json.at("/changes/0/local").asText()).isEqualTo("2026-12-01T06:00");
        assertThat(json.at("/changes/0/min").asInt()).isEqualTo(5);
        assertThat(json.at("/changes/0/reason").asText()).contains("pre-warm", "Sprint demo", "starts");
        assertThat(json.at("/changes/0/firedBy/0").asText()).matches("tags-[0-9a-f]{8}-o20261201T0500Z");
    }

    @Test
    void plan_withABadSchedule_shouldExit2NamingEveryOffendingField() throws IOException {
        Path bad = Files.writeString(temp.resolve("bad.yaml"), """
                function: orders
                qualifier: live
                timezone: Mars/Olympus
                default: {min: 1, max: 20}
                periods:
                  - {name: day, days: [MON], start: "8:00", end: "18:00", min: 5, max: 2}
                """);

        Run run = run("plan", "--file", bad.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("the capacity schedule has 5 problems", "qualifier: \"live\" is not a version",
                "timezone: \"Mars/Olympus\" is not an IANA time zone id", "default.min: is 1, below the production floor",
                "periods[0].start: \"8:00\" is not a time", "periods[0].max: is 2, below min 5");
    }

    @Test
    void plan_withAMissingFileOrBadOptions_shouldExit2() {
        assertThat(run("plan", "--file", temp.resolve("nope.yaml").toString()).err()).contains("no such file");
        Run badFrom = run("plan", "--file", EXAMPLES.resolve("capacity-schedule.yaml").toString(), "--from", "tomorrow");
        assertThat(badFrom.exitCode()).isEqualTo(2);
        assertThat(badFrom.err()).contains("--from \"tomorrow\" is not an ISO date or time");
        Run badOutput = run("plan", "--file", EXAMPLES.resolve("capacity-schedule.yaml").toString(), "--output", "xml");
        assertThat(badOutput.exitCode()).isEqualTo(2);
        assertThat(run("plan", "--file", "x", "--days", "0").err()).contains("--days must be between 1 and 366");
        assertThat(run().exitCode()).isEqualTo(2);
    }

    @Test
    void savings_shouldReportHoursAndDollars() {
        Run run = run("savings", "--file", EXAMPLES.resolve("capacity-schedule.yaml").toString(), "--from",
                "2027-02-01", "--days", "7", "--ee-per-instance", "2", "--instance-hour-usd", "0.18768");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("the busiest recurring floor (20) held all the time")
                .containsPattern("execution-environment-hours +\\d+\\.\\d{3} +3360\\.000 +\\d+\\.\\d{3}")
                .containsPattern("USD +\\d+\\.\\d{2} +315\\.30 +\\d+\\.\\d{2}")
                .contains("$0.18768 per instance-hour");
    }

    @Test
    void savings_json_againstAFlatFloor() throws IOException {
        Run run = run("savings", "--file", EXAMPLES.resolve("capacity-schedule.json").toString(), "--from",
                "2027-02-01", "--days", "7", "--flat-floor", "1", "--output", "json");

        assertThat(run.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        // weekdays 07:00-19:00 at 1, nothing otherwise: 60 hours, against 168
        assertThat(json.at("/executionEnvironmentHours/scheduled").decimalValue()).isEqualByComparingTo("60");
        assertThat(json.at("/executionEnvironmentHours/saved").decimalValue()).isEqualByComparingTo("108");
        assertThat(json.has("usd")).isFalse();
    }

    @Test
    void savings_shouldWantBothPricingInputsOrNeither() {
        Run run = run("savings", "--file", EXAMPLES.resolve("capacity-schedule.yaml").toString(),
                "--ee-per-instance", "2");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("missing --instance-hour-usd");
        assertThat(run("savings", "--file", EXAMPLES.resolve("capacity-schedule.yaml").toString(), "--ee-per-instance",
                "0", "--instance-hour-usd", "1").err()).contains("--ee-per-instance: execution environments per "
                + "instance must be positive");
    }

    @Test
    void help_shouldListBothSubcommands() {
        Run run = run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("plan", "savings");
        Run savingsHelp = run("savings", "--help");
        assertThat(savingsHelp.out()).contains("plus the 15% management fee");
        assertThat(savingsHelp.err()).isEmpty();
    }
}

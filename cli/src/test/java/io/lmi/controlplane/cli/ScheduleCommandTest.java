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

    /** Where refreshed price tables would be: empty, so prices come from the bundled us-east-1 table. */
    @TempDir
    Path pricesDirectory;

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new ScheduleCommand(CLOCK, pricesDirectory));
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
    void savings_shouldPriceWithTheCostEnginesBundledPrices() {
        // Defaults: 2048 MB, x86_64, balanced: the cost engine packs 15 environments on an m7i.4xlarge
        // ($0.8064 on demand + 15% = $0.92736 an hour in the bundled us-east-1 table). Flat floor 20 for 168 h:
        // 3360 environment-hours, 224 instance-hours, $207.73.
        Run run = run("savings", "--file", EXAMPLES.resolve("capacity-schedule.yaml").toString(), "--from",
                "2027-02-01", "--days", "7");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("the busiest recurring floor (20) held all the time")
                .containsPattern("execution-environment-hours +\\d+\\.\\d{3} +3360\\.000 +\\d+\\.\\d{3}")
                .containsPattern("instance-hours +\\d+\\.\\d{3} +224\\.000 +\\d+\\.\\d{3}")
                .containsPattern("USD +\\d+\\.\\d{2} +207\\.73 +\\d+\\.\\d{2}")
                .contains("m7i.4xlarge holds 15 environments of 4096 MB and 1 vCPU", "$0.92736",
                        "prices as of 2026-07-20");
    }

    @Test
    void savings_handGivenNumbersOverrideTheCostEngine() {
        Run both = run("savings", "--file", EXAMPLES.resolve("capacity-schedule.yaml").toString(), "--from",
                "2027-02-01", "--days", "7", "--ee-per-instance", "2", "--instance-hour-usd", "0.18768");
        Run priceOnly = run("savings", "--file", EXAMPLES.resolve("capacity-schedule.yaml").toString(), "--from",
                "2027-02-01", "--days", "7", "--instance-hour-usd", "0.5");

        assertThat(both.exitCode()).isZero();
        assertThat(both.out()).containsPattern("USD +\\d+\\.\\d{2} +315\\.30 +\\d+\\.\\d{2}")
                .contains("$0.18768 per instance-hour", "both given by hand").doesNotContain("m7i");
        // 3360 / 15 from the engine = 224 instance-hours at the given $0.50
        assertThat(priceOnly.out()).containsPattern("USD +\\d+\\.\\d{2} +112\\.00 +\\d+\\.\\d{2}");
    }

    @Test
    void savings_pinnedTypeArchitectureAndRatio_changeThePacking() throws IOException {
        // arm64 at 2 GiB/vCPU: a 2048 MB environment is 1 vCPU and 2048 MB; m7g.xlarge holds 3, $0.1632 x 1.15.
        Run run = run("savings", "--file", EXAMPLES.resolve("capacity-schedule.json").toString(), "--from",
                "2027-02-01", "--days", "7", "--arch", "arm64", "--instance-type", "m7g.xlarge",
                "--memory-per-vcpu", "2", "--output", "json");

        assertThat(run.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.at("/pricing/costEngine/instanceType").asText()).isEqualTo("m7g.xlarge");
        assertThat(json.at("/pricing/executionEnvironmentsPerInstance").decimalValue()).isEqualByComparingTo("3");
        assertThat(json.at("/pricing/usdPerInstanceHour").decimalValue()).isEqualByComparingTo("0.18768");
    }

    @Test
    void savings_withoutFrom_startsAtMidnightInTheSchedulesZone() throws IOException {
        Run run = run("savings", "--file", EXAMPLES.resolve("capacity-schedule.json").toString(), "--days", "30",
                "--flat-floor", "1", "--output", "json");

        assertThat(run.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        // 2026-11-30 00:00 in Berlin (CET, UTC+1); 30 whole days hold 720 hours at a floor of 1.
        assertThat(json.at("/from").asText()).isEqualTo("2026-11-29T23:00:00Z");
        assertThat(json.at("/executionEnvironmentHours/baseline").decimalValue()).isEqualByComparingTo("720");
    }

    @Test
    void savings_badPricingInputs_exit2NamingTheFlag() {
        String file = EXAMPLES.resolve("capacity-schedule.yaml").toString();

        Run wrongArch = run("savings", "--file", file, "--instance-type", "m7g.xlarge");
        Run unpriced = run("savings", "--file", file, "--region", "eu-west-1");
        Run zero = run("savings", "--file", file, "--ee-per-instance", "0");

        assertThat(wrongArch.exitCode()).isEqualTo(2);
        assertThat(wrongArch.err()).contains("--instance-type", "arm64");
        assertThat(unpriced.exitCode()).isEqualTo(2);
        assertThat(unpriced.err()).contains("--region");
        assertThat(zero.err()).contains("--ee-per-instance: execution environments per instance must be positive");
    }

    @Test
    void help_shouldListBothSubcommands() {
        Run run = run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("plan", "savings");
        Run savingsHelp = run("savings", "--help");
        assertThat(savingsHelp.out()).contains("plus the 15% management fee", "--instance-type", "--memory-mb",
                "--memory-per-vcpu", "--arch", "--region", "--prices");
        assertThat(savingsHelp.err()).isEmpty();
    }
}

package io.lmi.controlplane.core.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class ResidualTrafficTest {
    private static final Instant LAST_STEP = Instant.parse("2026-11-26T10:00:10Z");

    @Test
    void theWindowStartsOnTheFirstWholeMinuteAfterTheDrainAndEndsOnTheLastWholeMinute() {
        ResidualTraffic window = ResidualTraffic.window(LAST_STEP, Instant.parse("2026-11-26T10:15:25Z")).orElseThrow();

        assertThat(window.from()).isEqualTo(Instant.parse("2026-11-26T10:01:00Z"));
        assertThat(window.to()).isEqualTo(Instant.parse("2026-11-26T10:15:00Z"));
    }

    @Test
    void aDrainEndingOnAMinuteStartsTheWindowThere() {
        assertThat(ResidualTraffic.window(Instant.parse("2026-11-26T10:00:30Z"), Instant.parse("2026-11-26T10:05:00Z"))
                .orElseThrow().from()).isEqualTo(Instant.parse("2026-11-26T10:01:00Z"));
    }

    @Test
    void aBakeTooShortForAWholeMinuteAfterTheDrainHasNoWindow() {
        assertThat(ResidualTraffic.window(LAST_STEP, LAST_STEP.plusSeconds(2))).isEmpty();
        assertThat(ResidualTraffic.window(LAST_STEP, Instant.parse("2026-11-26T10:01:59Z"))).isEmpty();
        assertThat(ResidualTraffic.window(LAST_STEP, Instant.parse("2026-11-26T10:02:00Z"))).isPresent();
    }

    /** Whatever the times: never a minute that began before the drain ended, never a partial minute at the end. */
    @RepeatedTest(200)
    void theWindowNeverCountsTrafficFromBeforeTheMoveNorAPartialMinute(RepetitionInfo repetition) {
        Random random = new Random(20261126L * 31 + repetition.getCurrentRepetition());
        for (int i = 0; i < 50; i++) {
            Instant lastStep = LAST_STEP.plusMillis(random.nextInt(3_600_000));
            Instant checked = lastStep.plusMillis(random.nextInt(1_800_000));
            ResidualTraffic.window(lastStep, checked).ifPresent(window -> {
                assertThat(window.from()).isAfterOrEqualTo(lastStep.plus(ResidualTraffic.DRAIN));
                assertThat(window.to()).isBeforeOrEqualTo(checked);
                assertThat(window.from().getEpochSecond() % 60).isZero();
                assertThat(window.to().getEpochSecond() % 60).isZero();
                assertThat(Duration.between(window.from(), window.to())).isGreaterThanOrEqualTo(ResidualTraffic.PERIOD);
            });
            if (Duration.between(lastStep, checked).compareTo(Duration.ofSeconds(150)) >= 0) {
                assertThat(ResidualTraffic.window(lastStep, checked)).as("2.5 min always holds a whole minute").isPresent();
            }
        }
    }

    @Test
    void theRecordSaysWhetherTheOriginalIsReadyToDecommission() {
        ResidualTraffic window = ResidualTraffic.window(LAST_STEP, Instant.parse("2026-11-26T10:15:25Z")).orElseThrow();

        assertThat(window.describe("orders", "arn:alias", 0)).contains("no invocations").contains("ready to decommission");
        assertThat(window.describe("orders", "arn:alias", 12)).contains("still had 12 invocation(s)")
                .contains("point them at arn:alias").doesNotContain("ready to decommission");
        assertThat(ResidualTraffic.unchecked("orders", Duration.ofSeconds(2))).contains("baked 2 s")
                .contains("check its Invocations metric").doesNotContain("ready to decommission");
    }
}

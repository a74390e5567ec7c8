package io.lmi.controlplane.core.assess;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RiseDetectorTest {
    private static final Instant FROM = Instant.parse("2026-11-09T00:00:00Z");
    private static final AssessmentPolicy POLICY = AssessmentPolicy.defaults();

    @Test
    void aRiseToMoreThanDoubleWithinFiveMinutesIsAnEvent() {
        double[] c = series(20, 10);
        c[12] = 25;

        TrafficProfile.Rise rise = RiseDetector.largest(c, FROM, 60, POLICY, 5);

        assertThat(rise.ratio()).isEqualTo(2.5);
        assertThat(rise.fromConcurrency()).isEqualTo(10.0);
        assertThat(rise.toConcurrency()).isEqualTo(25.0);
        assertThat(rise.at()).isEqualTo(FROM.plusSeconds(7 * 60));
        assertThat(rise.eventsAboveLimit()).isEqualTo(1);
        assertThat(rise.windowMinutes()).isEqualTo(5);
        assertThat(rise.limit()).isEqualTo(2.0);
    }

    @Test
    void aRiseSpreadOverMoreThanFiveMinutesIsNot() {
        double[] c = series(20, 10);
        c[11] = 25;
        // from 10 to 25 over 6 minutes: each 5-minute view sees less than double
        c[6] = 13;
        c[7] = 14;
        c[8] = 15;
        c[9] = 17;
        c[10] = 20;

        assertThat(RiseDetector.largest(c, FROM, 60, POLICY, 5).eventsAboveLimit()).isZero();
    }

    @Test
    void whatTheMinimumEnvironmentsHoldAbsorbsRisesFromNearZero() {
        double[] c = series(20, 1);
        c[10] = 20;

        TrafficProfile.Rise rise = RiseDetector.largest(c, FROM, 60, POLICY, 12);

        assertThat(rise.ratio()).isEqualTo(1.667);
        assertThat(rise.baselineConcurrency()).isEqualTo(12.0);
        assertThat(rise.eventsAboveLimit()).isZero();
    }

    @Test
    void separateBurstsCountOnceEach() {
        double[] c = series(60, 2);
        for (int burst : new int[] {10, 25, 40}) {
            c[burst] = 40;
            c[burst + 1] = 40;
        }

        assertThat(RiseDetector.largest(c, FROM, 60, POLICY, 4).eventsAboveLimit()).isEqualTo(3);
    }

    @Test
    void periodsLongerThanTheWindowCannotShowARise() {
        assertThat(RiseDetector.largest(series(10, 1), FROM, 600, POLICY, 3)).isNull();
        assertThat(RiseDetector.largest(new double[0], FROM, 60, POLICY, 3)).isNull();
    }

    @Test
    void fiveMinutePeriodsCompareNeighbours() {
        double[] c = {10, 10, 30, 30};

        TrafficProfile.Rise rise = RiseDetector.largest(c, FROM, 300, POLICY, 3);

        assertThat(rise.ratio()).isEqualTo(3.0);
        assertThat(rise.eventsAboveLimit()).isEqualTo(1);
    }

    private static double[] series(int length, double value) {
        double[] c = new double[length];
        Arrays.fill(c, value);
        return c;
    }
}

package io.lmi.controlplane.core.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficAnalyzerTest {
    private static final long SECONDS_PER_MONTH = 730L * 3600;
    private final TrafficAnalyzer analyzer = new TrafficAnalyzer(AssessmentPolicy.defaults(), SECONDS_PER_MONTH);

    @Test
    void requestsPerMonthScaleTheObservedRateToA730HourMonth() {
        TrafficProfile t = analyzer.analyze(Histories.history(14, 14, i -> 10, 200)).profile();

        assertThat(t.invocations()).isEqualTo(14L * 1440 * 600);
        assertThat(t.requestsPerMonth()).isEqualTo(10L * SECONDS_PER_MONTH);
        assertThat(t.meanRequestsPerSecond()).isEqualTo(10.0);
        assertThat(t.peakToMeanRatio()).isEqualTo(1.0);
        assertThat(t.idleShare()).isZero();
        assertThat(t.observedDays()).isEqualTo(14.0);
        assertThat(t.daysWithTraffic()).isEqualTo(14);
    }

    @Test
    void idleShareCountsPeriodsWithoutAnyDatapoint() {
        TrafficProfile t = analyzer.analyze(Histories.history(7, 7, i -> i % 4 == 0 ? 5 : 0, 100)).profile();

        assertThat(t.idleShare()).isEqualTo(0.75);
        assertThat(t.meanRequestsPerSecond()).isEqualTo(1.25);
        assertThat(t.peakToMeanRatio()).isEqualTo(4.0);
    }

    @Test
    void peakToMeanComparesTheBusiestPeriodWithTheMeanRate() {
        TrafficProfile t = analyzer.analyze(Histories.history(1, 1, i -> i == 700 ? 100 : 10, 100)).profile();

        double mean = (1439 * 10 + 100) / 1440.0;
        assertThat(t.peakRequestsPerSecond()).isEqualTo(100.0);
        assertThat(t.peakAt()).isEqualTo(Histories.END.minusSeconds(86_400).plusSeconds(700 * 60));
        assertThat(t.peakToMeanRatio()).isCloseTo(100 / mean, within(0.001));
    }

    @Test
    void averageDurationIsWeightedByInvocations() {
        Instant start = Histories.END.minusSeconds(86_400);
        MetricsHistory h = new MetricsHistory(start, Histories.END, 60, List.of(
                new MetricsHistory.Point(start, 100, 0, 0, 100.0, 300.0, 2.0),
                new MetricsHistory.Point(start.plusSeconds(60), 300, 3, 0, 500.0, 900.0, 4.0)), 850.0);

        TrafficProfile t = analyzer.analyze(h).profile();

        assertThat(t.avgDurationMs()).isEqualTo(400.0);
        assertThat(t.p99DurationMs()).isEqualTo(850.0);
        assertThat(t.errors()).isEqualTo(3);
        assertThat(t.errorRate()).isEqualTo(0.008);
        assertThat(t.peakConcurrency()).isEqualTo(4.0);
    }

    @Test
    void aFunctionCreatedDuringTheWindowIsProfiledFromItsFirstDatapoint() {
        TrafficProfile t = analyzer.analyze(Histories.history(14, 2, i -> 10, 200)).profile();

        assertThat(t.observedDays()).isEqualTo(2.0);
        assertThat(t.observedFrom()).isEqualTo(Histories.END.minusSeconds(2 * 86_400));
        assertThat(t.requestsPerMonth()).isEqualTo(10L * SECONDS_PER_MONTH);
        assertThat(t.idleShare()).isZero();
    }

    @Test
    void dataStartingWithinADayOfTheWindowCoversTheWholeWindow() {
        TrafficProfile t = analyzer.analyze(Histories.history(14, 14, i -> i < 9 * 60 ? 0 : 1, 200)).profile();

        assertThat(t.observedFrom()).isEqualTo(t.windowStart());
        assertThat(t.observedDays()).isEqualTo(14.0);
        assertThat(t.idleShare()).isCloseTo(9 * 60 / (14.0 * 1440), within(0.001));
    }

    @Test
    void highPercentileConcurrencyIncludesIdlePeriods() {
        // 90% of the minutes idle: the 95th percentile is the busy minutes' concurrency, the 50th would be 0.
        TrafficProfile t = analyzer.analyze(Histories.history(1, 1, i -> i % 10 == 0 ? 100 : 0, 1000)).profile();

        assertThat(t.highPercentileConcurrency()).isEqualTo(120.0);
        assertThat(TrafficAnalyzer.percentile(new double[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 7}, 50)).isZero();
        assertThat(TrafficAnalyzer.percentile(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 95)).isEqualTo(10.0);
        assertThat(TrafficAnalyzer.percentile(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 90)).isEqualTo(9.0);
    }

    @Test
    void concurrencyWithoutADatapointComesFromLittlesLaw() {
        Instant start = Histories.END.minusSeconds(120);
        MetricsHistory h = new MetricsHistory(start, Histories.END, 60, List.of(
                new MetricsHistory.Point(start, 600, 0, 0, 500.0, 700.0, null),
                new MetricsHistory.Point(start.plusSeconds(60), 300, 0, 0, null, null, null)), 700.0);

        TrafficProfile t = analyzer.analyze(h).profile();

        // 10 requests per second x 0.5 s; without its own duration, a period takes the window's average (500 ms)
        assertThat(t.highPercentileConcurrency()).isEqualTo(5.0);
        assertThat(TrafficAnalyzer.percentile(new double[] {5.0, 2.5}, 1)).isEqualTo(2.5);
        assertThat(t.peakConcurrency()).isNull();
    }

    @Test
    void weeklyShapeStartsOnMondayAndPlacesEachHour() {
        // END is a Monday 00:00 UTC; traffic only on Tuesdays 10:00-11:00 UTC.
        MetricsHistory h = Histories.history(14, 14, i -> {
            Instant at = Histories.END.minusSeconds(14 * 86_400L).plusSeconds(i * 60L);
            var utc = at.atZone(java.time.ZoneOffset.UTC);
            return utc.getDayOfWeek() == DayOfWeek.TUESDAY && utc.getHour() == 10 ? 20 : 0;
        }, 500);

        TrafficProfile t = analyzer.analyze(h).profile();

        assertThat(t.weeklyShape()).hasSize(168);
        assertThat(t.weeklyShape().get(0).dayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(t.weeklyShape().get(0).hourUtc()).isZero();
        TrafficProfile.HourShape tuesdayTen = t.weeklyShape().get(24 + 10);
        assertThat(tuesdayTen.dayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
        assertThat(tuesdayTen.meanRequestsPerSecond()).isEqualTo(20.0);
        assertThat(tuesdayTen.observedHours()).isEqualTo(2);
        assertThat(tuesdayTen.maxConcurrency()).isEqualTo(12.0);
        List<TrafficProfile.HourShape> others = new ArrayList<>(t.weeklyShape());
        others.remove(24 + 10);
        assertThat(others).allSatisfy(hour -> assertThat(hour.meanRequestsPerSecond()).isZero());
        assertThat(t.dailyShape()).hasSize(24);
        assertThat(t.dailyShape().get(10).dayOfWeek()).isNull();
        // Observed from the first Tuesday 10:00 (34 hours into the window): 13 days of 10:00 hours.
        assertThat(t.observedFrom()).isEqualTo(t.windowStart().plusSeconds(34 * 3600));
        assertThat(t.dailyShape().get(10).meanRequestsPerSecond()).isCloseTo(20.0 * 2 / 13, within(0.001));
        assertThat(t.dailyShape().get(10).observedHours()).isEqualTo(13);
    }

    @Test
    void anEmptyHistoryHasNoTrafficAndFullShapes() {
        TrafficProfile t = analyzer.analyze(Histories.history(14, 14, i -> 0, 100)).profile();

        assertThat(t.hasTraffic()).isFalse();
        assertThat(t.observedFrom()).isNull();
        assertThat(t.idleShare()).isEqualTo(1.0);
        assertThat(t.peakToMeanRatio()).isNull();
        assertThat(t.dailyShape()).hasSize(24).allSatisfy(h -> assertThat(h.observedHours()).isZero());
        assertThat(t.weeklyShape()).hasSize(168);
    }
}

package io.lmi.controlplane.aws.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lmi.controlplane.core.validation.InvalidRequestException;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqsConcurrencySplitTest {
    private final SqsConcurrencySplit split = SqsConcurrencySplit.withDefaults();

    @ParameterizedTest(name = "total {0} at {1}% -> new {2}, original {3}")
    @CsvSource({
            "10, 10, 2, 8",      // 1 rounds up to AWS's minimum of 2: 20% rather than 10%
            "10, 50, 5, 5",
            "10, 90, 9, 2",      // 1 left for the original rounds up to 2
            "1000, 10, 100, 900",
            "1000, 1, 10, 990",
            "100, 33, 33, 67",
            "2, 10, 2, 2",       // the smallest total: both at the floor, together more than the total
            "3, 50, 2, 2",       // 1.5 rounds to 2 (half up)
            "5, 50, 3, 2",
    })
    void sharesTheOriginalsMaximumConcurrency(int total, int percent, int onNew, int onOriginal) {
        SqsConcurrencySplit.Split shares = split.split(total, percent);

        assertThat(shares).isEqualTo(new SqsConcurrencySplit.Split(total, onNew, onOriginal));
    }

    @Test
    void withoutAnOriginalSettingTheDocumentedDefaultIsShared() {
        assertThat(split.split(null, 10)).isEqualTo(new SqsConcurrencySplit.Split(1000, 100, 900));
        assertThat(new SqsConcurrencySplit(50).split(null, 10)).isEqualTo(new SqsConcurrencySplit.Split(50, 5, 45));
    }

    @RepeatedTest(200)
    void everySplitIsValidForAwsAndAsCloseToTheShareAsTheFloorAllows(RepetitionInfo repetition) {
        Random random = new Random(7919L * repetition.getCurrentRepetition());
        int total = 2 + random.nextInt(999);
        int percent = 1 + random.nextInt(99);

        SqsConcurrencySplit.Split shares = split.split(total, percent);

        assertThat(shares.onNew()).isBetween(SqsConcurrencySplit.MIN_CONCURRENCY, SqsConcurrencySplit.MAX_CONCURRENCY);
        assertThat(shares.onOriginal()).isBetween(SqsConcurrencySplit.MIN_CONCURRENCY, SqsConcurrencySplit.MAX_CONCURRENCY);
        double exact = total * percent / 100.0;
        if (exact >= SqsConcurrencySplit.MIN_CONCURRENCY && total - Math.round(exact) >= SqsConcurrencySplit.MIN_CONCURRENCY) {
            assertThat(shares.onNew() + shares.onOriginal()).as("no floor applied: the total is kept").isEqualTo(total);
            assertThat(Math.abs(shares.onNew() - exact)).isLessThanOrEqualTo(0.5);
        } else {
            assertThat(shares.onNew() + shares.onOriginal()).as("a floor only adds").isGreaterThanOrEqualTo(total);
        }
        if (percent < 99) {
            assertThat(split.split(total, percent + 1).onNew()).as("more share never means less concurrency")
                    .isGreaterThanOrEqualTo(shares.onNew());
        }
    }

    @Test
    void refusesSharesItCannotSplitAndDefaultsAwsWouldRefuse() {
        assertThatThrownBy(() -> split.split(10, 0)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("percentOnNew");
        assertThatThrownBy(() -> split.split(10, 100)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("at 100 only the new one");
        assertThatThrownBy(() -> new SqsConcurrencySplit(1)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("defaultTotal").hasMessageContaining("2 to 1000");
        assertThatThrownBy(() -> new SqsConcurrencySplit(1001)).isInstanceOf(InvalidRequestException.class);
    }
}

package io.lmi.controlplane.functions.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lmi.controlplane.aws.cloudwatch.MetricsHistoryReader;
import io.lmi.controlplane.core.assess.MetricsHistory;
import io.lmi.controlplane.local.AwsTarget;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

@ExtendWith(LocalAwsExtension.class)
class MetricsHistoryReaderIntegrationTest {
    private final SeededAccount account;
    private final AtomicInteger getMetricDataCalls = new AtomicInteger();
    private final CloudWatchClient cloudWatch;
    private final MetricsHistoryReader reader;

    MetricsHistoryReaderIntegrationTest(AwsTarget target) {
        account = SeededAccount.of(target);
        cloudWatch = account.clients.configure(CloudWatchClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if ("GetMetricData".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                            getMetricDataCalls.incrementAndGet();
                        }
                    }
                })).build();
        reader = new MetricsHistoryReader(cloudWatch);
    }

    @AfterEach
    void close() {
        cloudWatch.close();
    }

    @Test
    void twoWeeksOfOneMinuteDataComeInOneRequest() {
        MetricsHistory h = reader.read(account.steady, account.now.plusSeconds(59), Duration.ofDays(14));

        assertThat(getMetricDataCalls.get()).isEqualTo(1);
        assertThat(h.periodSeconds()).isEqualTo(60);
        assertThat(h.end()).isEqualTo(account.now);
        assertThat(h.start()).isEqualTo(account.now.minus(Duration.ofDays(14)));
        assertThat(h.points()).hasSize(14 * 1440);
        MetricsHistory.Point first = h.points().get(0);
        assertThat(first.at()).isEqualTo(h.start());
        assertThat(first.invocations()).isBetween(4_000.0, 7_000.0);
        assertThat(first.avgDurationMs()).isEqualTo(400.0);
        assertThat(first.p99DurationMs()).isEqualTo(600.0);
        assertThat(first.maxConcurrency()).isEqualTo(Math.ceil(first.invocations() / 60 * 0.4 * 1.2));
        assertThat(first.errors()).isZero();
        assertThat(h.windowP99DurationMs()).isEqualTo(600.0);
    }

    @Test
    void longerWindowsAreReadInFiveMinutePeriodsWithTheSameTotals() {
        MetricsHistory minutes = reader.read(account.vpcConsumer, account.now, Duration.ofDays(14));
        MetricsHistory fiveMinutes = reader.read(account.vpcConsumer, account.now, Duration.ofDays(20));

        assertThat(fiveMinutes.periodSeconds()).isEqualTo(300);
        assertThat(fiveMinutes.end().getEpochSecond() % 300).isZero();
        assertThat(fiveMinutes.end()).isAfter(account.now.minusSeconds(300));
        // The five-minute window ends at the last whole five minutes, so it can leave out the newest few minutes.
        assertThat(fiveMinutes.points().stream().mapToDouble(MetricsHistory.Point::invocations).sum())
                .isEqualTo(minutes.points().stream().filter(p -> p.at().isBefore(fiveMinutes.end()))
                        .mapToDouble(MetricsHistory.Point::invocations).sum());
        assertThat(fiveMinutes.points().size()).isBetween(14 * 288 - 1, 14 * 288 + 1);
        assertThat(getMetricDataCalls.get()).isEqualTo(2);
    }

    @Test
    void aFunctionWithoutDataHasAnEmptyHistory() {
        MetricsHistory h = reader.read("never-invoked", account.now, Duration.ofDays(14));

        assertThat(h.isEmpty()).isTrue();
        assertThat(h.windowP99DurationMs()).isNull();
    }

    @Test
    void aWindowOutsideCloudWatchsRetentionIsRefused() {
        assertThatThrownBy(() -> reader.read(account.steady, account.now, Duration.ofDays(64)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("63");
        assertThatThrownBy(() -> reader.read(account.steady, account.now, Duration.ofHours(36)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

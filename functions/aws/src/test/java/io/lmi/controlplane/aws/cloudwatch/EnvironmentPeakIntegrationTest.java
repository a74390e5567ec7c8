package io.lmi.controlplane.aws.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.aws.LocalAwsClients;
import io.lmi.controlplane.local.AwsTarget;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/** The replaced version's peak execution environments, from LMI metrics put into the local AWS as LMI puts them. */
@ExtendWith(LocalAwsExtension.class)
class EnvironmentPeakIntegrationTest {
    private final AwsClients clients;
    private final CloudWatchClient cloudWatch;
    private final String function = "orders-" + UUID.randomUUID().toString().substring(0, 8);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    EnvironmentPeakIntegrationTest(AwsTarget target) {
        this.clients = LocalAwsClients.of(target);
        this.cloudWatch = clients.configure(CloudWatchClient.builder()).build();
    }

    @AfterEach
    void close() {
        cloudWatch.close();
        clients.close();
    }

    private void put(String version, String metric, double value, Instant at) {
        cloudWatch.putMetricData(r -> r.namespace("AWS/Lambda").metricData(d -> d.metricName(metric).value(value)
                .unit(StandardUnit.COUNT).timestamp(at).dimensions(
                        Dimension.builder().name("CapacityProviderName").value("lmi-arm64").build(),
                        Dimension.builder().name("FunctionName").value(function).build(),
                        Dimension.builder().name("Resource").value(function + ":" + version).build())));
    }

    @Test
    void thePeakIsTheHighestConcurrencyOverWhatOneEnvironmentTakes() {
        put("4", "ExecutionEnvironmentConcurrency", 100, now.minus(Duration.ofMinutes(40)));
        put("4", "ExecutionEnvironmentConcurrency", 250, now.minus(Duration.ofMinutes(20)));
        put("4", "ExecutionEnvironmentConcurrencyLimit", 32, now.minus(Duration.ofMinutes(20)));
        put("5", "ExecutionEnvironmentConcurrency", 900, now.minus(Duration.ofMinutes(20)));

        var peak = new EnvironmentPeak(cloudWatch).environments("lmi-arm64", function, "4",
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(1)));

        assertThat(peak).hasValue(8);
    }

    @Test
    void aVersionWithoutMetricsHasNoKnownPeak() {
        put("4", "ExecutionEnvironmentConcurrency", 250, now.minus(Duration.ofHours(3)));
        put("4", "ExecutionEnvironmentConcurrencyLimit", 32, now.minus(Duration.ofHours(3)));

        EnvironmentPeak peaks = new EnvironmentPeak(cloudWatch);

        assertThat(peaks.environments("lmi-arm64", function, "4", now.minus(Duration.ofHours(1)), now)).isEmpty();
        assertThat(peaks.environments("lmi-arm64", function, "7", now.minus(Duration.ofHours(4)), now)).isEmpty();
    }
}

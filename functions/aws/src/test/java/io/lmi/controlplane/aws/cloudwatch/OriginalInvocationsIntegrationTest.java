package io.lmi.controlplane.aws.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.aws.LocalAwsClients;
import io.lmi.controlplane.core.migration.ResidualTraffic;
import io.lmi.controlplane.local.AwsTarget;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * What still reached the original function after a migration's last step, counted from AWS/Lambda's FunctionName-only
 * Invocations series as AWS publishes it, in the window {@link ResidualTraffic} chooses.
 */
@ExtendWith(LocalAwsExtension.class)
class OriginalInvocationsIntegrationTest {
    private final AwsClients clients;
    private final CloudWatchClient cloudWatch;
    private final String function = "orders-" + UUID.randomUUID().toString().substring(0, 8);
    private final Instant lastStep = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30))
            .plusSeconds(10);

    OriginalInvocationsIntegrationTest(AwsTarget target) {
        this.clients = LocalAwsClients.of(target);
        this.cloudWatch = clients.configure(CloudWatchClient.builder()).build();
    }

    @AfterEach
    void close() {
        cloudWatch.close();
        clients.close();
    }

    private void put(double invocations, Instant at, List<Dimension> dimensions) {
        cloudWatch.putMetricData(r -> r.namespace("AWS/Lambda").metricData(d -> d.metricName("Invocations")
                .value(invocations).unit(StandardUnit.COUNT).timestamp(at).dimensions(dimensions)));
    }

    private List<Dimension> wholeFunction() {
        return List.of(Dimension.builder().name("FunctionName").value(function).build());
    }

    @Test
    void onlyInvocationsOfTheWholeFunctionInsideTheWindowCount() {
        ResidualTraffic window = ResidualTraffic.window(lastStep, lastStep.plus(Duration.ofMinutes(15))).orElseThrow();
        put(500, lastStep.minusSeconds(5), wholeFunction());
        put(40, lastStep.plusSeconds(20), wholeFunction());
        put(3, window.from().plusSeconds(5), wholeFunction());
        put(4, window.to().minusSeconds(1), wholeFunction());
        put(900, window.to().plusSeconds(5), wholeFunction());
        put(70, window.from().plusSeconds(30), List.of(Dimension.builder().name("FunctionName").value(function).build(),
                Dimension.builder().name("Resource").value(function + ":live").build()));

        long counted = new GateAlarms(cloudWatch).functionInvocations(function, window.from(), window.to());

        assertThat(counted).as("before the move, during the drain, after the check and per-alias series are left out")
                .isEqualTo(7);
    }

    @Test
    void aFunctionNothingCallsCountsZero() {
        ResidualTraffic window = ResidualTraffic.window(lastStep, lastStep.plus(Duration.ofMinutes(15))).orElseThrow();

        assertThat(new GateAlarms(cloudWatch).functionInvocations(function, window.from(), window.to())).isZero();
    }
}

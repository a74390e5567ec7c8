package io.lmi.controlplane.cli.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.cli.client.ControlPlaneClient;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * SIMULATED traffic for local runs. The local AWS runs no workload and publishes no AWS/Lambda metrics, so the gates
 * would have nothing to judge. This publishes what AWS would for the new LMI function: its alias's invocations
 * (the current share of the workload's rate; per executed version for a rollout), errors and throttles, and the
 * version's execution-environment CPU, memory and concurrency; during a migration, the original's invocations too. A scenario can make errors appear from a given share on, to show a rollback.
 */
public final class TrafficSimulator implements AutoCloseable {
    private static final long TICK_SECONDS = 2;

    private final ControlPlaneClient client;
    private final CloudWatchClient cloudWatch;
    private final String operationId;
    private final double requestsPerSecond;
    private final IntPredicate failingAtPercent;
    private final double errorRate;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "traffic-simulator");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param failingAtPercent at which shares of traffic the new function fails {@code errorRate} of its requests
     */
    public TrafficSimulator(ControlPlaneClient client, CloudWatchClient cloudWatch, String operationId,
                            double requestsPerSecond, IntPredicate failingAtPercent, double errorRate) {
        this.client = client;
        this.cloudWatch = cloudWatch;
        this.operationId = operationId;
        this.requestsPerSecond = requestsPerSecond;
        this.failingAtPercent = failingAtPercent;
        this.errorRate = errorRate;
    }

    public TrafficSimulator start() {
        ticker.scheduleAtFixedRate(this::tick, 0, TICK_SECONDS, TimeUnit.SECONDS);
        return this;
    }

    private void tick() {
        try {
            Operation operation = client.operation(operationId).orElse(null);
            if (operation == null || operation.status().isTerminal()) {
                return;
            }
            // What the gate judges is what the traffic goes to: the "gating" fact both workflows write.
            JsonNode gating = operation.fact("gating", JsonNode.class).orElse(null);
            JsonNode function = operation.fact("lmiFunction", JsonNode.class).orElse(null);
            if (gating == null || function == null) {
                return;
            }
            int percent = gating.path("percent").asInt();
            String name = gating.get("functionName").asText();
            String executedVersion = gating.path("executedVersion").isTextual() ? gating.get("executedVersion").asText() : null;
            double invocations = Math.round(requestsPerSecond * TICK_SECONDS * percent / 100.0);
            double errors = failingAtPercent.test(percent) ? Math.round(invocations * errorRate) : 0;
            Instant now = Instant.now();
            List<Dimension> alias = new ArrayList<>(List.of(dimension("FunctionName", name),
                    dimension("Resource", name + ":" + gating.get("alias").asText())));
            if (executedVersion != null) {
                alias.add(dimension("ExecutedVersion", executedVersion));
            }
            List<MetricDatum> data = new ArrayList<>();
            data.add(datum("Invocations", alias, now, invocations, StandardUnit.COUNT));
            data.add(datum("Errors", alias, now, errors, StandardUnit.COUNT));
            data.add(datum("Throttles", alias, now, 0, StandardUnit.COUNT));
            String provider = operation.fact("capacityProvider", JsonNode.class).map(p -> p.path("name").asText(null))
                    .or(() -> operation.fact("rollout", JsonNode.class).map(r -> r.path("capacityProviderName").asText(null)))
                    .orElse(null);
            String version = executedVersion != null ? executedVersion : function.path("version").asText(null);
            if (provider != null && version != null) {
                List<Dimension> environment = List.of(dimension("CapacityProviderName", provider),
                        dimension("FunctionName", name), dimension("Resource", name + ":" + version));
                data.add(datum("ExecutionEnvironmentCPUUtilization", environment, now, 20 + percent * 0.3, StandardUnit.PERCENT));
                data.add(datum("ExecutionEnvironmentMemoryUtilization", environment, now, 35, StandardUnit.PERCENT));
                data.add(datum("ExecutionEnvironmentConcurrency", environment, now, 2 + percent / 10.0, StandardUnit.COUNT));
                data.add(datum("ExecutionEnvironmentConcurrencyLimit", environment, now, 64, StandardUnit.COUNT));
            }
            if (operation.kind() == OperationKind.MIGRATION) {
                // The original function serves the share not moved yet, and nothing once every trigger has moved: the
                // completion step counts what still reaches it (AWS/Lambda's FunctionName-only series).
                data.add(datum("Invocations", List.of(dimension("FunctionName", operation.functionName())), now,
                        Math.round(requestsPerSecond * TICK_SECONDS * (100 - percent) / 100.0), StandardUnit.COUNT));
            }
            cloudWatch.putMetricData(r -> r.namespace("AWS/Lambda").metricData(data));
        } catch (RuntimeException e) {
            // A tick that fails (the local AWS stopping, a record being written) is skipped; the next one tries again.
        }
    }

    private static Dimension dimension(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }

    private static MetricDatum datum(String name, List<Dimension> dimensions, Instant at, double value, StandardUnit unit) {
        return MetricDatum.builder().metricName(name).dimensions(dimensions).timestamp(at).value(value).unit(unit).build();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}

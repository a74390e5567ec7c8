package io.lmi.controlplane.cli.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.cli.client.ControlPlaneClient;
import io.lmi.controlplane.cli.local.LocalControlPlane;
import io.lmi.controlplane.cli.local.seed.MetricHistory;
import io.lmi.controlplane.cli.local.seed.Network;
import io.lmi.controlplane.cli.local.seed.Workload;
import io.lmi.controlplane.core.events.DetailTypes;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.StepEntry;
import io.lmi.controlplane.local.LocalAws;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The main job, end to end, on the local AWS: a realistic account (a steady, high-volume standard function with
 * 14 days of metrics, an SQS trigger and a REST API in front of it, private subnets with a NAT in three AZs), the
 * control plane deployed into it from template.yaml, a MigrationRequested event on its bus, and the workflow's
 * steps as they happen.
 */
public final class Demo {
    public static final String FUNCTION = "orders-api";
    /** The seeded workload's rate: about 259 million requests a month, where LMI pays off (seed skill). */
    static final double REQUESTS_PER_SECOND = 100;
    /**
     * An API that waits on its database about 200 ms per request at 2048 MB: on standard Lambda every waiting
     * millisecond is billed, on LMI one execution environment serves many such requests at once, so the assessment
     * (balanced workload assumed) recommends the move. At 1024 MB and 120 ms the same traffic stays on Lambda.
     */
    static final int MEMORY_MB = 2048;
    static final double AVERAGE_DURATION_MS = 200;

    public enum Scenario {
        MIGRATE, ALARM, ROLLOUT, ROLLOUT_ALARM;

        boolean rollsOut() {
            return this == ROLLOUT || this == ROLLOUT_ALARM;
        }
    }

    /**
     * What the demo did: the final record and timeline of its last operation (the migration, or the rollout that
     * followed it), the migration's record, and where the workload's triggers point afterwards.
     */
    public record Result(Operation operation, List<StepEntry> timeline, Operation migration,
                         Map<String, Object> triggersAfter) {
    }

    private final LocalAws localAws;
    private final PrintWriter out;

    public Demo(LocalAws localAws, PrintWriter out) {
        this.localAws = localAws;
        this.out = out;
    }

    public Result run(Scenario scenario, String bake, Consumer<StepEntry> onStep) throws InterruptedException {
        try (AwsClients clients = AwsClients.of(localAws.region(), localAws.credentials(), localAws.endpoint());
             Ec2Client ec2 = clients.configure(Ec2Client.builder()).build();
             IamClient iam = clients.configure(IamClient.builder()).build();
             LambdaClient lambda = clients.configure(LambdaClient.builder()).build();
             SqsClient sqs = clients.configure(SqsClient.builder()).build();
             ApiGatewayClient apiGateway = clients.configure(ApiGatewayClient.builder()).build();
             CloudWatchClient cloudWatch = clients.configure(CloudWatchClient.builder()).build()) {
            say("Seeding the account: a VPC with private subnets in 3 AZs behind a NAT gateway...");
            Network.Seeded network = new Network(ec2).privateWithNat("10.20");
            say("Seeding " + FUNCTION + ": a standard function (python3.13, " + MEMORY_MB + " MB, x86_64) consuming an SQS queue and"
                    + " serving a REST API...");
            Workload.Seeded workload = new Workload(iam, lambda, sqs, apiGateway, localAws.region().id(), LocalAws.ACCOUNT_ID)
                    .withQueueAndApi(FUNCTION, MEMORY_MB);
            say("Seeding 14 days of per-minute metrics: steady ~" + (int) REQUESTS_PER_SECOND + " requests/s, ~"
                    + (int) AVERAGE_DURATION_MS + " ms...");
            new MetricHistory(cloudWatch).steady(FUNCTION, Duration.ofDays(14), REQUESTS_PER_SECOND, AVERAGE_DURATION_MS,
                    0.0005, 42);

            say("Deploying the control plane from template.yaml into the local AWS...");
            try (LocalControlPlane controlPlane = LocalControlPlane.deploy(localAws, Map.of(
                    "CapacityProviderSubnetIds", String.join(",", network.privateSubnetIds()),
                    "CapacityProviderSecurityGroupIds", network.securityGroupId()));
                 ControlPlaneClient client = controlPlane.client(clients)) {
                say("Putting MigrationRequested for " + FUNCTION + " on " + controlPlane.busName() + " (steps 10/50/100%,"
                        + " bake " + bake + ")...");
                String requestId = client.request(DetailTypes.MIGRATION_REQUESTED, Map.of("functionName", FUNCTION,
                        "bake", bake, "requestedBy", "demo"));
                String operationId = client.awaitOperation(requestId, Duration.ofMinutes(2));
                say("Migration " + operationId + " started. Steps as they happen (traffic on the new function is"
                        + " SIMULATED: the local AWS runs no workload" + (scenario == Scenario.ALARM
                        ? "; from 50% on, the new function fails 30% of requests" : "") + "):");
                Operation migration;
                try (TrafficSimulator traffic = new TrafficSimulator(client, cloudWatch, operationId, REQUESTS_PER_SECOND,
                        percent -> scenario == Scenario.ALARM && percent >= 50, 0.30).start()) {
                    migration = follow(client, operationId, onStep, Duration.ofMinutes(10));
                }
                if (!scenario.rollsOut() || migration.status() != io.lmi.controlplane.core.operation.OperationStatus.COMPLETED) {
                    return new Result(migration, client.timeline(operationId), migration,
                            triggers(lambda, apiGateway, workload));
                }
                String lmiFunction = FUNCTION + "-lmi";
                say("Migration COMPLETED. A new release of " + lmiFunction + ": its code changes, and a RolloutRequested"
                        + " publishes it and shifts the alias live through 10/50/100%" + (scenario == Scenario.ROLLOUT_ALARM
                        ? " (the new version fails 30% of requests from 50% on)" : "") + "...");
                Workload.release(lambda, lmiFunction, "v2");
                String rolloutRequest = client.request(DetailTypes.ROLLOUT_REQUESTED, Map.of("functionName", lmiFunction,
                        "alias", "live", "publish", true, "bake", bake, "requestedBy", "demo"));
                String rolloutId = client.awaitOperation(rolloutRequest, Duration.ofMinutes(2));
                try (TrafficSimulator traffic = new TrafficSimulator(client, cloudWatch, rolloutId, REQUESTS_PER_SECOND,
                        percent -> scenario == Scenario.ROLLOUT_ALARM && percent >= 50, 0.30).start()) {
                    Operation rollout = follow(client, rolloutId, onStep, Duration.ofMinutes(10));
                    return new Result(rollout, client.timeline(rolloutId), migration, triggers(lambda, apiGateway, workload));
                }
            }
        }
    }

    private static Operation follow(ControlPlaneClient client, String operationId, Consumer<StepEntry> onStep,
                                    Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        int seen = 0;
        while (Instant.now().isBefore(deadline)) {
            List<StepEntry> timeline = client.timeline(operationId);
            for (int i = seen; i < timeline.size(); i++) {
                onStep.accept(timeline.get(i));
            }
            seen = timeline.size();
            Operation operation = client.operation(operationId).orElseThrow();
            if (operation.status().isTerminal() && client.timeline(operationId).size() == seen) {
                return operation;
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("the migration did not finish within " + timeout.toMinutes() + " minutes");
    }

    /** Where the workload's triggers point now: the evidence of what moved (or of a complete rollback). */
    private static Map<String, Object> triggers(LambdaClient lambda, ApiGatewayClient apiGateway, Workload.Seeded workload) {
        Map<String, Object> triggers = new LinkedHashMap<>();
        lambda.listEventSourceMappingsPaginator(r -> r.eventSourceArn(workload.queueArn())).eventSourceMappings()
                .forEach(m -> {
                    // In a fixed order (Map.of's changes from run to run), so the output reads, and diffs, the same.
                    Map<String, Object> mapping = new LinkedHashMap<>();
                    mapping.put("function", m.functionArn());
                    mapping.put("state", m.state());
                    mapping.put("maximumConcurrency", m.scalingConfig() == null || m.scalingConfig().maximumConcurrency() == null
                            ? "none" : m.scalingConfig().maximumConcurrency());
                    triggers.put("sqs mapping " + m.uuid(), mapping);
                });
        var stage = apiGateway.getStage(r -> r.restApiId(workload.restApiId()).stageName(workload.stage()));
        Map<String, Object> api = new LinkedHashMap<>();
        api.put("deploymentId", stage.deploymentId());
        api.put("canary", stage.canarySettings() == null ? "none" : stage.canarySettings().toString());
        apiGateway.getResources(r -> r.restApiId(workload.restApiId()).embed("methods")).items().stream()
                .filter(resource -> resource.resourceMethods() != null)
                .forEach(resource -> resource.resourceMethods().forEach((method, m) -> {
                    var integration = apiGateway.getIntegration(r -> r.restApiId(workload.restApiId())
                            .resourceId(resource.id()).httpMethod(method));
                    api.put(method + " " + resource.path(), integration.uri());
                }));
        triggers.put("rest api " + workload.restApiId() + "/" + workload.stage(), api);
        return triggers;
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }

    /** The migration's cost estimate as the assessment recorded it (Lambda on demand vs LMI on demand, monthly). */
    public static String costLine(Operation migration) {
        return migration.fact("assessment", JsonNode.class).map(a -> a.path("costSummary")).filter(JsonNode::isObject)
                .map(cost -> String.format("monthly cost estimate: standard Lambda $%.2f today -> LMI $%.2f on demand",
                        cost.path("lambdaOnDemandMonthlyUsd").asDouble(), cost.path("lmiOnDemandMonthlyUsd").asDouble()))
                .orElse("(no cost estimate recorded)");
    }
}

package io.lmi.controlplane.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.aws.schedule.DesiredSchedules;
import io.lmi.controlplane.aws.schedule.DriftReport;
import io.lmi.controlplane.aws.schedule.Scaling;
import io.lmi.controlplane.aws.schedule.ScheduleLedger;
import io.lmi.controlplane.core.schedule.ScheduleTarget;
import io.lmi.controlplane.cli.local.LocalControlPlane;
import io.lmi.controlplane.cli.local.seed.Network;
import io.lmi.controlplane.local.LocalAws;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;

/**
 * Capacity shaping as template.yaml deploys it: ./lmi schedule apply puts CapacityScheduleRequested on the bus, the
 * rule runs the real ApplySchedule handler in the local handler host, its Scheduler schedules target the deployed
 * shaper with the deployed role; a fired drift check reaches the shaper through Lambda's asynchronous invoke; and
 * ./lmi schedule remove takes it all away.
 */
@ExtendWith(ControlPlaneExtension.class)
class CapacitySchedulesEndToEndTest {
    private static final String TRUST_LAMBDA = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final LocalControlPlane controlPlane;
    private final LocalAws localAws;

    @TempDir
    Path temp;

    CapacitySchedulesEndToEndTest(LocalControlPlane controlPlane, LocalAws localAws) {
        this.controlPlane = controlPlane;
        this.localAws = localAws;
    }

    @Test
    void applyFireAndRemoveThroughTheDeployedControlPlane() throws Exception {
        try (AwsClients clients = controlPlane.clients();
             LambdaClient lambda = clients.configure(LambdaClient.builder()).build();
             SchedulerClient scheduler = clients.configure(SchedulerClient.builder()).build();
             DynamoDbClient dynamo = clients.configure(DynamoDbClient.builder()).build()) {
            String function = lmiFunction(clients, lambda);
            // All day, every day: whatever the real clock says, the calendar says 5/50.
            Path file = Files.writeString(temp.resolve("schedule.yaml"), """
                    function: %s
                    qualifier: "1"
                    environment: production
                    timezone: UTC
                    default: {min: 3, max: 20}
                    periods:
                      - {name: always, days: [MON, TUE, WED, THU, FRI, SAT, SUN], start: "00:00", end: "24:00", min: 5, max: 50}
                    """.formatted(function));

            Cli.Run apply = Cli.lmi("schedule", "apply", "--file", file.toString(), "--endpoint",
                    localAws.endpoint().toString(), "--requested-by", "e2e", "--timeout", "60");

            assertThat(apply.exitCode()).as(apply.err()).isZero();
            assertThat(apply.out()).contains("Capacity schedule " + function + " applied", function + ":1 now 5/50");
            assertThat(apply.err()).contains("using the names the template gives");
            assertThat(requested(lambda, function)).isEqualTo(new Scaling(5, 50));
            String group = controlPlane.deployed().physicalId("CapacityScheduleGroup");
            String prefix = DesiredSchedules.namePrefix(new ScheduleTarget.FunctionTarget(function));
            List<GetScheduleResponse> schedules = scheduler.listSchedulesPaginator(r -> r.groupName(group))
                    .schedules().stream().filter(s -> s.name().startsWith(prefix))
                    .map(s -> scheduler.getSchedule(r -> r.groupName(group).name(s.name()))).toList();
            assertThat(schedules).singleElement().satisfies(s -> {
                assertThat(s.name()).endsWith("-drift-check");
                assertThat(s.target().arn()).isEqualTo(controlPlane.deployed().attribute("ShaperFunction", "Arn"));
                assertThat(s.target().roleArn()).isEqualTo(controlPlane.deployed().attribute("CapacitySchedulerRole", "Arn"));
                assertThat(s.target().deadLetterConfig().arn())
                        .isEqualTo(controlPlane.deployed().attribute("CapacityScheduleDeadLetterQueue", "Arn"));
            });

            // Someone changes it by hand; the drift check (fired as Scheduler would) puts it back and reports it.
            lambda.putFunctionScalingConfig(r -> r.functionName(function).qualifier("1")
                    .functionScalingConfig(f -> f.minExecutionEnvironments(2).maxExecutionEnvironments(4)));
            fire(group, schedules.get(0).name());
            await(() -> requested(lambda, function).equals(new Scaling(5, 50)), "the shaper restores 5/50");
            ScheduleLedger ledger = new ScheduleLedger(dynamo, controlPlane.tableName(), Clock.systemUTC());
            await(() -> !ledger.drifts(function).isEmpty(), "the drift is recorded");
            DriftReport drift = ledger.drifts(function).get(0);
            assertThat(drift.found()).isEqualTo(new Scaling(2, 4));
            assertThat(drift.expected()).isEqualTo(new Scaling(5, 50));

            Cli.Run list = Cli.lmi("schedule", "list", function, "--endpoint", localAws.endpoint().toString());
            assertThat(list.out()).contains(function + ":1 5/50");

            Cli.Run remove = Cli.lmi("schedule", "remove", function, "--qualifier", "1", "--endpoint",
                    localAws.endpoint().toString(), "--timeout", "60");
            assertThat(remove.exitCode()).as(remove.err()).isZero();
            assertThat(remove.out()).contains("removed", function + ":1 now 3/no max");
            assertThat(requested(lambda, function)).isEqualTo(Scaling.LMI_DEFAULT);
            assertThat(scheduler.listSchedulesPaginator(r -> r.groupName(group)).schedules())
                    .noneMatch(s -> s.name().startsWith(prefix));
        }
    }

    private static Scaling requested(LambdaClient lambda, String function) {
        return Scaling.of(lambda.getFunctionScalingConfig(r -> r.functionName(function).qualifier("1"))
                .requestedFunctionScalingConfig());
    }

    /** A function on Lambda Managed Instances with version 1 Active, on a capacity provider of its own. */
    private String lmiFunction(AwsClients clients, LambdaClient lambda) throws InterruptedException {
        localAws.settings(Map.of("capacity_provider_ready_seconds", 0.05, "publish_ready_seconds", 0.05,
                "scaling_apply_seconds", 0.05));
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        try (Ec2Client ec2 = clients.configure(Ec2Client.builder()).build();
             IamClient iam = clients.configure(IamClient.builder()).build()) {
            Network.Seeded network = new Network(ec2).privateWithNat("10.30");
            String operator = iam.createRole(r -> r.roleName("e2e-operator-" + suffix)
                    .assumeRolePolicyDocument(TRUST_LAMBDA)).role().arn();
            String execution = iam.createRole(r -> r.roleName("e2e-execution-" + suffix)
                    .assumeRolePolicyDocument(TRUST_LAMBDA)).role().arn();
            String provider = lambda.createCapacityProvider(r -> r.capacityProviderName("e2e-" + suffix)
                    .vpcConfig(v -> v.subnetIds(network.privateSubnetIds()).securityGroupIds(network.securityGroupId()))
                    .permissionsConfig(p -> p.capacityProviderOperatorRoleArn(operator))).capacityProvider()
                    .capacityProviderArn();
            await(() -> "Active".equals(lambda.getCapacityProvider(r -> r.capacityProviderName("e2e-" + suffix))
                    .capacityProvider().stateAsString()), "capacity provider Active");
            String name = "orders-" + suffix;
            lambda.createFunction(r -> r.functionName(name).runtime("python3.13").handler("app.handler")
                    .memorySize(2048).role(execution).code(c -> c.zipFile(SdkBytes.fromByteArray(code())))
                    .capacityProviderConfig(c -> c.lambdaManagedInstancesCapacityProviderConfig(l -> l
                            .capacityProviderArn(provider))));
            lambda.publishVersion(r -> r.functionName(name));
            await(() -> lambda.getFunctionConfiguration(r -> r.functionName(name).qualifier("1")).state()
                    == State.ACTIVE, "version 1 Active");
            return name;
        }
    }

    private void fire(String group, String name) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        localAws.endpoint().resolve(URI.create("/_lmi/scheduler/fire")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"group\": \"" + group + "\", \"name\": \"" + name + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    private static byte[] code() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("app.py"));
            zip.write("def handler(event, context):\n    return event\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}

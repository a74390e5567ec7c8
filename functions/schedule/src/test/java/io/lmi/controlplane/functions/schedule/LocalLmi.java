package io.lmi.controlplane.functions.schedule;

import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.local.LocalAws;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.State;

/**
 * Lambda Managed Instances functions in the local AWS, built the way a platform team would: a VPC with three private
 * subnets behind a NAT gateway, an operator role, an Active capacity provider, then functions on it with published,
 * Active versions. One capacity provider serves a whole test run.
 */
final class LocalLmi {
    private static final String TRUST_LAMBDA = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static volatile LocalLmi shared;

    private final LambdaClient lambda;
    private final String capacityProviderArn;
    private final String executionRoleArn;

    private LocalLmi(LambdaClient lambda, String capacityProviderArn, String executionRoleArn) {
        this.lambda = lambda;
        this.capacityProviderArn = capacityProviderArn;
        this.executionRoleArn = executionRoleArn;
    }

    static synchronized LocalLmi on(LocalAws localAws, AwsClients clients) {
        if (shared == null) {
            // Quick transitions and no throttling of the capacity-provider APIs: tests do not wait minutes.
            localAws.settings(Map.of("capacity_provider_ready_seconds", 0.05, "publish_ready_seconds", 0.05,
                    "scaling_apply_seconds", 0.05, "capacity_provider_writes_per_second", 1000,
                    "capacity_provider_reads_per_second", 1000));
            LambdaClient lambda = clients.configure(LambdaClient.builder()).build();
            try (Ec2Client ec2 = clients.configure(Ec2Client.builder()).build();
                 IamClient iam = clients.configure(IamClient.builder()).build()) {
                List<String> subnets = privateSubnetsBehindNat(ec2);
                String vpc = ec2.describeSubnets(r -> r.subnetIds(subnets.get(0))).subnets().get(0).vpcId();
                String securityGroup = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("lmi-" + suffix())
                        .description("LMI instances")).groupId();
                String operator = iam.createRole(r -> r.roleName("lmi-operator-" + suffix())
                        .assumeRolePolicyDocument(TRUST_LAMBDA)).role().arn();
                String execution = iam.createRole(r -> r.roleName("lmi-execution-" + suffix())
                        .assumeRolePolicyDocument(TRUST_LAMBDA)).role().arn();
                String name = "schedules-" + suffix();
                String arn = lambda.createCapacityProvider(r -> r.capacityProviderName(name)
                        .vpcConfig(v -> v.subnetIds(subnets).securityGroupIds(securityGroup))
                        .permissionsConfig(p -> p.capacityProviderOperatorRoleArn(operator))
                        .instanceRequirements(i -> i.architecturesWithStrings("x86_64"))).capacityProvider()
                        .capacityProviderArn();
                await(() -> "Active".equals(lambda.getCapacityProvider(r -> r.capacityProviderName(name))
                        .capacityProvider().stateAsString()), "capacity provider " + name + " Active");
                shared = new LocalLmi(lambda, arn, execution);
            }
        }
        return shared;
    }

    /** An LMI function with {@code versions} published, Active versions ("1", "2", ...); returns its name. */
    String function(String prefix, int versions, Map<String, String> tags) {
        String name = prefix + "-" + suffix();
        lambda.createFunction(r -> r.functionName(name).runtime("python3.13").handler("app.handler").memorySize(2048)
                .role(executionRoleArn).code(c -> c.zipFile(SdkBytes.fromByteArray(code()))).tags(tags)
                .capacityProviderConfig(c -> c.lambdaManagedInstancesCapacityProviderConfig(l -> l
                        .capacityProviderArn(capacityProviderArn))));
        for (int i = 0; i < versions; i++) {
            publish(name, "v" + (i + 1));
        }
        return name;
    }

    /** Publishes a new numbered version (after a code change, so it is a new version) and waits until it is Active. */
    String publish(String function, String marker) {
        // The description is not part of a version's fingerprint; the environment is.
        lambda.updateFunctionConfiguration(r -> r.functionName(function).environment(e -> e.variables(Map.of("MARKER", marker))));
        String version = lambda.publishVersion(r -> r.functionName(function).description(marker)).version();
        awaitActive(function, version);
        return version;
    }

    /** Publishes $LATEST.PUBLISHED and waits until it is Active. */
    void publishLatest(String function) {
        lambda.publishVersion(r -> r.functionName(function).publishTo("LATEST_PUBLISHED"));
        awaitActive(function, "$LATEST.PUBLISHED");
    }

    /** A function on Lambda (default): no capacity provider, so scaling configs do not apply to it. */
    String standardFunction(String prefix) {
        String name = prefix + "-" + suffix();
        lambda.createFunction(r -> r.functionName(name).runtime("python3.13").handler("app.handler")
                .role(executionRoleArn).code(c -> c.zipFile(SdkBytes.fromByteArray(code()))).publish(true));
        return name;
    }

    private void awaitActive(String function, String version) {
        await(() -> lambda.getFunctionConfiguration(r -> r.functionName(function).qualifier(version)).state()
                == State.ACTIVE, function + ":" + version + " Active");
    }

    private static List<String> privateSubnetsBehindNat(Ec2Client ec2) {
        String region = ec2.serviceClientConfiguration().region().id();
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.42.0.0/16")).vpc().vpcId();
        String igw = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(r -> r.vpcId(vpc).internetGatewayId(igw));
        String publicSubnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.42.100.0/24")
                .availabilityZone(region + "a")).subnet().subnetId();
        String publicTable = ec2.createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
        ec2.createRoute(r -> r.routeTableId(publicTable).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
        ec2.associateRouteTable(r -> r.routeTableId(publicTable).subnetId(publicSubnet));
        String eip = ec2.allocateAddress(r -> r.domain("vpc")).allocationId();
        String nat = ec2.createNatGateway(r -> r.subnetId(publicSubnet).allocationId(eip)).natGateway().natGatewayId();
        String privateTable = ec2.createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
        ec2.createRoute(r -> r.routeTableId(privateTable).destinationCidrBlock("0.0.0.0/0").natGatewayId(nat));
        List<String> subnets = new ArrayList<>();
        String[] zones = {"a", "b", "c"};
        for (int i = 0; i < zones.length; i++) {
            int index = i;
            String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.42." + index + ".0/24")
                    .availabilityZone(region + zones[index])).subnet().subnetId();
            ec2.associateRouteTable(r -> r.routeTableId(privateTable).subnetId(subnet));
            subnets.add(subnet);
        }
        return subnets;
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

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not reached within " + READY_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}

package io.lmi.controlplane.e2e;

import io.lmi.controlplane.cli.local.seed.Network;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** LMI functions as a migration leaves them: on a capacity provider, version 1 published, alias "live" on it. */
final class LmiFunctionFixture {
    private final LambdaClient lambda;
    private final String providerArn;
    private final String role;

    LmiFunctionFixture(LambdaClient lambda, Ec2Client ec2, IamClient iam) {
        this.lambda = lambda;
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Network.Seeded network = new Network(ec2).privateWithNat("10." + (40 + Math.floorMod(suffix.hashCode(), 100)));
        String operator = iam.createRole(r -> r.roleName("e2e-operator-" + suffix).assumeRolePolicyDocument(trust()))
                .role().arn();
        iam.attachRolePolicy(r -> r.roleName("e2e-operator-" + suffix)
                .policyArn("arn:aws:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator"));
        this.role = iam.createRole(r -> r.roleName("e2e-execution-" + suffix).assumeRolePolicyDocument(trust())).role().arn();
        this.providerArn = lambda.createCapacityProvider(r -> r.capacityProviderName("e2e-rollouts-" + suffix)
                .vpcConfig(v -> v.subnetIds(network.privateSubnetIds()).securityGroupIds(network.securityGroupId()))
                .permissionsConfig(p -> p.capacityProviderOperatorRoleArn(operator))
                .instanceRequirements(i -> i.architecturesWithStrings("arm64"))).capacityProvider().capacityProviderArn();
        await(() -> "Active".equals(lambda.getCapacityProvider(r -> r.capacityProviderName(providerArn)).capacityProvider()
                .stateAsString()), "capacity provider Active");
    }

    /** A new LMI function with version 1 Active, scaled 3..10, behind alias "live". */
    String create(String name) {
        lambda.createFunction(r -> r.functionName(name).runtime("python3.13").role(role).handler("app.handler")
                .memorySize(2048).architecturesWithStrings("arm64").code(c -> c.zipFile(SdkBytes.fromByteArray(zip("v1"))))
                .capacityProviderConfig(c -> c.lambdaManagedInstancesCapacityProviderConfig(l -> l
                        .capacityProviderArn(providerArn).executionEnvironmentMemoryGiBPerVCpu(2.0)
                        .perExecutionEnvironmentMaxConcurrency(16))));
        String version = publish(name, "v1");
        lambda.putFunctionScalingConfig(r -> r.functionName(name).qualifier(version)
                .functionScalingConfig(f -> f.minExecutionEnvironments(3).maxExecutionEnvironments(10)));
        lambda.createAlias(r -> r.functionName(name).name("live").functionVersion(version));
        return name;
    }

    /** Changes the code and publishes it as the next version (Active). */
    String publish(String name, String code) {
        awaitUpdated(name);
        lambda.updateFunctionCode(r -> r.functionName(name).zipFile(SdkBytes.fromByteArray(zip(code))));
        awaitUpdated(name);
        String version = lambda.publishVersion(r -> r.functionName(name).description("release " + code)).version();
        lambda.waiter().waitUntilPublishedVersionActive(r -> r.functionName(name).qualifier(version));
        return version;
    }

    /** Publishes {@code count} versions of new code without waiting for them to turn Active (they count at once). */
    void publishPending(String name, String code, int count) {
        for (int i = 0; i < count; i++) {
            changeCode(name, code + "-" + i);
            lambda.publishVersion(r -> r.functionName(name));
        }
    }

    /** Changes the code without publishing: what a rollout with publish: true ships. */
    void changeCode(String name, String code) {
        awaitUpdated(name);
        lambda.updateFunctionCode(r -> r.functionName(name).zipFile(SdkBytes.fromByteArray(zip(code))));
        awaitUpdated(name);
    }

    private void awaitUpdated(String name) {
        await(() -> !"InProgress".equals(lambda.getFunctionConfiguration(r -> r.functionName(name)).lastUpdateStatusAsString()),
                name + " updated");
    }

    Map<String, Object> scaling(String name, String version) {
        var config = lambda.getFunctionScalingConfig(r -> r.functionName(name).qualifier(version)).requestedFunctionScalingConfig();
        return Map.of("min", config.minExecutionEnvironments(), "max", config.maxExecutionEnvironments() == null
                ? "none" : config.maxExecutionEnvironments());
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String trust() {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    private static byte[] zip(String release) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("app.py"));
            zip.write(("RELEASE = \"" + release + "\"\n\n\ndef handler(event, context):\n    return {\"release\": RELEASE}\n").getBytes());
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}

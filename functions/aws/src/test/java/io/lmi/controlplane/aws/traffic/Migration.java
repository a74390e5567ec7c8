package io.lmi.controlplane.aws.traffic;

import io.lmi.controlplane.core.traffic.ShiftTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * What one test migrates: an "original" function (with version 1 and alias {@code prod}, so that triggers can name
 * it three ways) and a "new" function with alias {@code live}, the shift target. Names are unique per test, because
 * the local AWS lives for the whole test run.
 */
record Migration(String originalName, String originalArn, String newName, String newAliasArn, String operationId,
                 String roleArn) {

    static Migration create(TrafficClients aws) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String role = aws.iam.createRole(request -> request.roleName("lambda-" + suffix)
                .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"))
                .role().arn();
        String original = "orders-" + suffix;
        String created = "orders-lmi-" + suffix;
        String originalArn = function(aws.lambda, original, role);
        aliasOnVersionOne(aws.lambda, original, "prod");
        function(aws.lambda, created, role);
        String alias = aliasOnVersionOne(aws.lambda, created, "live");
        return new Migration(original, originalArn, created, alias, "mig-" + UUID.randomUUID(), role);
    }

    /** Another function, for triggers that must not be found. */
    String unrelatedFunction(TrafficClients aws, String name) {
        return function(aws.lambda, name + "-" + UUID.randomUUID().toString().substring(0, 8), roleArn);
    }

    String originalAlias() {
        return originalArn + ":prod";
    }

    ShiftTarget target() {
        return new ShiftTarget(originalArn, newAliasArn, newName, operationId);
    }

    FunctionTargets originalTargets(TrafficClients aws) {
        return new FunctionTargetsReader(aws.lambda).read(originalName);
    }

    private static String function(LambdaClient lambda, String name, String role) {
        return lambda.createFunction(request -> request.functionName(name).runtime(Runtime.PYTHON3_12).role(role)
                .handler("handler.handle").code(code -> code.zipFile(SdkBytes.fromByteArray(handlerZip()))))
                .functionArn();
    }

    private static String aliasOnVersionOne(LambdaClient lambda, String function, String alias) {
        String version = lambda.publishVersion(request -> request.functionName(function)).version();
        return lambda.createAlias(request -> request.functionName(function).name(alias).functionVersion(version))
                .aliasArn();
    }

    private static byte[] handlerZip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("handler.py"));
            zip.write("def handle(event, context):\n    return event\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}

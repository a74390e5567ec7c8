package io.lmi.controlplane.cli.local.seed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A standard Lambda function as teams run them before LMI: an SQS consumer that is also behind a REST API, with an
 * execution role. What the demo migrates, and what end-to-end tests migrate.
 */
public final class Workload {
    private final IamClient iam;
    private final LambdaClient lambda;
    private final SqsClient sqs;
    private final ApiGatewayClient apiGateway;
    private final String region;
    private final String account;

    public Workload(IamClient iam, LambdaClient lambda, SqsClient sqs, ApiGatewayClient apiGateway, String region,
                    String account) {
        this.iam = iam;
        this.lambda = lambda;
        this.sqs = sqs;
        this.apiGateway = apiGateway;
        this.region = region;
        this.account = account;
    }

    /** What was seeded. */
    public record Seeded(String functionName, String functionArn, String queueArn, String mappingUuid, String restApiId,
                         String stage) {
    }

    /** The function alone (runtime python3.13, 1024 MB, x86_64), with no trigger. */
    public String function(String name, String runtime, int memoryMb) {
        String role = iam.createRole(r -> r.roleName(name + "-role").assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                        + "\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
        return lambda.createFunction(r -> r.functionName(name).runtime(runtime).role(role).handler("app.handler")
                .memorySize(memoryMb).timeout(30).architecturesWithStrings("x86_64")
                .description("orders API and queue consumer")
                .environment(e -> e.variables(Map.of("TABLE_NAME", "orders", "LOG_LEVEL", "INFO")))
                .tags(Map.of("team", "orders", "cost-center", "4711"))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(code())))).functionArn();
    }

    /** The function (python3.13, 1024 MB) with an SQS trigger and a REST API stage in front of it. */
    public Seeded withQueueAndApi(String name) {
        return withQueueAndApi(name, 1024);
    }

    /** The function (python3.13, {@code memoryMb}) with an SQS trigger and a REST API stage in front of it. */
    public Seeded withQueueAndApi(String name, int memoryMb) {
        String functionArn = function(name, "python3.13", memoryMb);
        String queueUrl = sqs.createQueue(r -> r.queueName(name + "-queue")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings().get("QueueArn");
        String mapping = lambda.createEventSourceMapping(r -> r.functionName(name).eventSourceArn(queueArn)
                .batchSize(10).scalingConfig(s -> s.maximumConcurrency(20))).uuid();
        String api = apiGateway.createRestApi(r -> r.name(name)).id();
        String root = apiGateway.getResources(r -> r.restApiId(api)).items().get(0).id();
        String resource = apiGateway.createResource(r -> r.restApiId(api).parentId(root).pathPart("orders")).id();
        apiGateway.putMethod(r -> r.restApiId(api).resourceId(resource).httpMethod("ANY").authorizationType("NONE"));
        apiGateway.putIntegration(r -> r.restApiId(api).resourceId(resource).httpMethod("ANY").type(IntegrationType.AWS_PROXY)
                .integrationHttpMethod("POST").uri("arn:aws:apigateway:" + region + ":lambda:path/2015-03-31/functions/"
                        + functionArn + "/invocations"));
        apiGateway.createDeployment(r -> r.restApiId(api).stageName("prod").description("first release"));
        lambda.addPermission(r -> r.functionName(name).statementId("apigateway-prod").action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com")
                .sourceArn("arn:aws:execute-api:" + region + ":" + account + ":" + api + "/*/*/orders"));
        return new Seeded(name, functionArn, queueArn, mapping, api, "prod");
    }

    /** A new release of {@code function}'s code ($LATEST), as a team's pipeline would upload it; not published. */
    public static void release(LambdaClient lambda, String function, String release) {
        lambda.updateFunctionCode(r -> r.functionName(function).zipFile(SdkBytes.fromByteArray(code(release))));
    }

    private static byte[] code() {
        return code("v1");
    }

    private static byte[] code(String release) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("app.py"));
            zip.write(("import json\n\nRELEASE = \"" + release + "\"\n\n\ndef handler(event, context):\n"
                    + "    records = event.get(\"Records\", [])\n"
                    + "    return {\"statusCode\": 200, \"body\": json.dumps({\"processed\": len(records), \"release\": RELEASE})}\n")
                    .getBytes());
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}

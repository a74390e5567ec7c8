package io.lmi.controlplane.aws;

import io.lmi.controlplane.local.AwsTarget;

import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.aws.AwsClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidNextTokenException;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Real SDK v2 calls, through the project's shared client configuration, against an {@link AwsTarget}: the proof that
 * the clients the control plane builds work against the local AWS (and against LocalStack where Docker runs).
 */
abstract class AwsRoundTripContract {

    protected abstract AwsTarget target();

    private AwsClients clients;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void openClients() {
        clients = AwsClients.of(target().region(), target().credentials(), target().endpoint());
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    @Test
    void lambdaCreatesPublishesAndListsVersions() {
        byte[] code = zip();
        try (IamClient iam = clients.configure(IamClient.builder()).build();
             LambdaClient lambda = clients.configure(LambdaClient.builder()).build()) {
            String roleArn = iam.createRole(r -> r.roleName("round-trip-" + suffix)
                    .assumeRolePolicyDocument(LAMBDA_TRUST)).role().arn();
            String name = "round-trip-" + suffix;
            lambda.createFunction(r -> r.functionName(name).runtime(Runtime.JAVA21).role(roleArn)
                    .handler("example.Handler::handleRequest").memorySize(512)
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(code))));
            String version = lambda.publishVersion(r -> r.functionName(name)).version();

            assertThat(version).isEqualTo("1");
            assertThat(lambda.listVersionsByFunction(r -> r.functionName(name)).versions())
                    .extracting(v -> v.version()).containsExactly("$LATEST", "1");
        }
    }

    @Test
    void dynamoDbEnhancedClientEnforcesOptimisticLocking() {
        try (DynamoDbClient dynamo = clients.configure(DynamoDbClient.builder()).build()) {
            DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
            DynamoDbTable<Item> table = enhanced.table("round-trip-" + suffix, TableSchema.fromBean(Item.class));
            table.createTable();
            Item item = new Item();
            item.setId("a");
            item.setStatus("RUNNING");
            table.putItem(item);

            Item first = table.getItem(Key.builder().partitionValue("a").build());
            Item stale = table.getItem(Key.builder().partitionValue("a").build());
            first.setStatus("COMPLETED");
            table.updateItem(first);
            stale.setStatus("FAILED");

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> table.updateItem(stale))
                    .isInstanceOf(ConditionalCheckFailedException.class);
            assertThat(table.getItem(Key.builder().partitionValue("a").build()).getStatus()).isEqualTo("COMPLETED");
        }
    }

    @Test
    void cloudWatchStoresAndReturnsMetricData() {
        try (CloudWatchClient cloudWatch = clients.configure(CloudWatchClient.builder()).build()) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            String namespace = "RoundTrip/" + suffix;
            cloudWatch.putMetricData(r -> r.namespace(namespace).metricData(
                    d -> d.metricName("Invocations").value(7.0).unit(StandardUnit.COUNT).timestamp(now.minusSeconds(120)),
                    d -> d.metricName("Invocations").value(5.0).unit(StandardUnit.COUNT).timestamp(now.minusSeconds(60))));

            GetMetricDataResponse response = cloudWatch.getMetricData(r -> r
                    .startTime(now.minus(Duration.ofMinutes(10))).endTime(now.plus(Duration.ofMinutes(1)))
                    .metricDataQueries(q -> q.id("invocations").metricStat(s -> s.period(60).stat("Sum")
                            .metric(m -> m.namespace(namespace).metricName("Invocations")))));

            assertThat(response.metricDataResults()).singleElement()
                    .satisfies(result -> assertThat(result.values()).containsExactlyInAnyOrder(7.0, 5.0));
        }
    }

    /**
     * Errors travel as Smithy RPC v2 CBOR too, and the Java SDK must raise what it raises against AWS: the modelled
     * class where its model has one (InvalidNextToken), else CloudWatchException with the query-compatible error
     * code. SetAlarmState's ResourceNotFound is the latter: the SDK's model folds that shape into the other
     * ResourceNotFoundException (code "ResourceNotFoundException"), so code that handles a missing alarm must test
     * the error code, not the class.
     */
    @Test
    void cloudWatchErrorsAreTheExceptionsTheSdkRaisesAgainstAws() {
        try (CloudWatchClient cloudWatch = clients.configure(CloudWatchClient.builder()).build()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> cloudWatch.setAlarmState(r -> r
                            .alarmName("missing-" + suffix).stateValue(StateValue.OK).stateReason("round trip")))
                    .isExactlyInstanceOf(CloudWatchException.class)
                    .satisfies(e -> {
                        assertThat(((CloudWatchException) e).statusCode()).isEqualTo(404);
                        assertThat(((CloudWatchException) e).awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound");
                    });
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> cloudWatch.describeAlarms(r -> r
                            .nextToken("not-a-token")))
                    .isInstanceOf(InvalidNextTokenException.class);
        }
    }

    @Test
    void stepFunctionsRunsAStateMachineToCompletion() throws InterruptedException {
        try (IamClient iam = clients.configure(IamClient.builder()).build();
             SfnClient sfn = clients.configure(SfnClient.builder()).build()) {
            String roleArn = iam.createRole(r -> r.roleName("round-trip-sfn-" + suffix)
                    .assumeRolePolicyDocument(STATES_TRUST)).role().arn();
            String machineArn = sfn.createStateMachine(r -> r.name("round-trip-" + suffix).roleArn(roleArn)
                    .definition("{\"StartAt\":\"Shape\",\"States\":{\"Shape\":{\"Type\":\"Pass\","
                            + "\"Parameters\":{\"doubled.$\":\"States.MathAdd($.value, $.value)\"},\"End\":true}}}"))
                    .stateMachineArn();

            // Two executions: moto 5.2.1 failed the second one in an account and region before our fix.
            String first = sfn.startExecution(r -> r.stateMachineArn(machineArn).name("first-" + suffix)
                    .input("{\"value\": 21}")).executionArn();
            String second = sfn.startExecution(r -> r.stateMachineArn(machineArn).name("second-" + suffix)
                    .input("{\"value\": 4}")).executionArn();

            assertThat(awaitOutput(sfn, first)).isEqualTo("{\"doubled\":42}");
            assertThat(awaitOutput(sfn, second)).isEqualTo("{\"doubled\":8}");
        }
    }

    private static String awaitOutput(SfnClient sfn, String executionArn) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            var execution = sfn.describeExecution(r -> r.executionArn(executionArn));
            if (execution.status() != ExecutionStatus.RUNNING) {
                assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
                return execution.output().replace(" ", "");
            }
            Thread.sleep(100);
        }
        throw new AssertionError("execution did not finish in 30 s: " + executionArn);
    }

    private static byte[] zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("example/Handler.class"));
            zip.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
            zip.closeEntry();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static final String LAMBDA_TRUST = trust("lambda.amazonaws.com");
    static final String STATES_TRUST = trust("states.amazonaws.com");

    private static String trust(String service) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\""
                + service + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    /** A ledger-like item with a version attribute, as the control plane's ledger uses. */
    @DynamoDbBean
    public static class Item {
        private String id;
        private String status;
        private Long version;

        @DynamoDbPartitionKey
        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getStatus() {
            return status;
        }

        public void setStatus(String status) {
            this.status = status;
        }

        @DynamoDbVersionAttribute
        public Long getVersion() {
            return version;
        }

        public void setVersion(Long version) {
            this.version = version;
        }
    }
}

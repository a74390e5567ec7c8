package io.lmi.controlplane.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.cli.local.LocalControlPlane;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * One function triggered every way the control plane moves: Kinesis and DynamoDB stream mappings and an
 * EventBridge rule and an SNS subscription (cut over at 50%), an ALB target group (weighted), and a function URL
 * (handed to the team, who confirm). The migration completes with each where it belongs; a rollback puts each back.
 */
@ExtendWith(ControlPlaneExtension.class)
class TriggerKindsMigrationTest {

    private final LocalControlPlane controlPlane;
    private MigrationScenario scenario;
    private KinesisClient kinesis;
    private DynamoDbClient dynamo;
    private EventBridgeClient events;
    private SnsClient sns;
    private ElasticLoadBalancingV2Client elb;
    private Ec2Client ec2;
    private String functionArn;
    private String kinesisMapping;
    private String streamMapping;
    private String rule;
    private String topicArn;
    private String listenerArn;

    TriggerKindsMigrationTest(LocalControlPlane controlPlane) {
        this.controlPlane = controlPlane;
    }

    @BeforeEach
    void seedTriggers() {
        scenario = new MigrationScenario(controlPlane);
        var clients = scenario.clients;
        // The Java SDK speaks AWS CBOR to Kinesis, which moto does not; this switch (read when the client is built)
        // makes it use JSON. Only tests create streams: the control plane itself never calls Kinesis.
        System.setProperty("aws.cborEnabled", "false");
        kinesis = clients.configure(KinesisClient.builder()).build();
        dynamo = clients.configure(DynamoDbClient.builder()).build();
        events = clients.configure(EventBridgeClient.builder()).build();
        sns = clients.configure(SnsClient.builder()).build();
        elb = clients.configure(ElasticLoadBalancingV2Client.builder()).build();
        ec2 = clients.configure(Ec2Client.builder()).build();
        String name = scenario.function;
        functionArn = scenario.workload().function(name, "python3.13", 1024);

        kinesis.createStream(r -> r.streamName(name + "-stream").shardCount(1));
        String streamArn = kinesis.describeStreamSummary(r -> r.streamName(name + "-stream")).streamDescriptionSummary().streamARN();
        kinesisMapping = scenario.lambda.createEventSourceMapping(r -> r.functionName(name).eventSourceArn(streamArn)
                .startingPosition("TRIM_HORIZON").batchSize(100)).uuid();

        String tableStream = dynamo.createTable(r -> r.tableName(name + "-table").billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType("S").build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType("HASH").build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES")))
                .tableDescription().latestStreamArn();
        streamMapping = scenario.lambda.createEventSourceMapping(r -> r.functionName(name).eventSourceArn(tableStream)
                .startingPosition("LATEST")).uuid();

        rule = name + "-rule";
        String ruleArn = events.putRule(r -> r.name(rule).eventPattern("{\"source\": [\"orders\"]}")).ruleArn();
        events.putTargets(r -> r.rule(rule).targets(t -> t.id("orders").arn(functionArn)));
        scenario.lambda.addPermission(r -> r.functionName(name).statementId("events").action("lambda:InvokeFunction")
                .principal("events.amazonaws.com").sourceArn(ruleArn));

        topicArn = sns.createTopic(r -> r.name(name + "-topic")).topicArn();
        sns.subscribe(r -> r.topicArn(topicArn).protocol("lambda").endpoint(functionArn));
        scenario.lambda.addPermission(r -> r.functionName(name).statementId("sns").action("lambda:InvokeFunction")
                .principal("sns.amazonaws.com").sourceArn(topicArn));

        String vpc = ec2.createVpc(r -> r.cidrBlock("10.90.0.0/16")).vpc().vpcId();
        String subnetA = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.90.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
        String subnetB = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.90.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
        String lb = elb.createLoadBalancer(r -> r.name(name.substring(0, Math.min(name.length(), 20)) + "-alb")
                .subnets(subnetA, subnetB)).loadBalancers().get(0).loadBalancerArn();
        String targetGroup = elb.createTargetGroup(r -> r.name(name.substring(0, Math.min(name.length(), 20)) + "-tg")
                .targetType("lambda")).targetGroups().get(0).targetGroupArn();
        scenario.lambda.addPermission(r -> r.functionName(name).statementId("alb").action("lambda:InvokeFunction")
                .principal("elasticloadbalancing.amazonaws.com").sourceArn(targetGroup));
        elb.registerTargets(r -> r.targetGroupArn(targetGroup).targets(t -> t.id(functionArn)));
        listenerArn = elb.createListener(r -> r.loadBalancerArn(lb).protocol("HTTP").port(80)
                .defaultActions(Action.builder().type("forward").targetGroupArn(targetGroup).build())).listeners().get(0).listenerArn();

        scenario.lambda.createFunctionUrlConfig(r -> r.functionName(name).authType("NONE"));
        scenario.lambda.addPermission(r -> r.functionName(name).statementId("url").action("lambda:InvokeFunctionUrl")
                .principal("*").functionUrlAuthType("NONE"));
    }

    @AfterEach
    void close() {
        kinesis.close();
        dynamo.close();
        events.close();
        sns.close();
        elb.close();
        ec2.close();
        scenario.close();
    }

    private Map<String, String> triggers() {
        Map<String, String> state = new TreeMap<>();
        state.put("kinesis", scenario.lambda.getEventSourceMapping(r -> r.uuid(kinesisMapping)).functionArn());
        state.put("dynamodb", scenario.lambda.getEventSourceMapping(r -> r.uuid(streamMapping)).functionArn());
        state.put("rule", events.listTargetsByRule(r -> r.rule(rule)).targets().stream().map(t -> t.id() + "=" + t.arn()).toList().toString());
        state.put("sns", sns.listSubscriptionsByTopic(r -> r.topicArn(topicArn)).subscriptions().stream()
                .map(s -> s.endpoint()).sorted().toList().toString());
        state.put("alb", elb.describeListeners(r -> r.listenerArns(listenerArn)).listeners().get(0).defaultActions().toString());
        return state;
    }

    private String migrate() throws InterruptedException {
        var request = scenario.request();
        request.put("steps", List.of(10, 50, 100));
        return scenario.migrate(request);
    }

    @Test
    void everyTriggerMovesTheWayItCanAndTheManualOneWaitsForThePeopleWhoMoveIt() throws Exception {
        String id = migrate();
        scenario.simulateTraffic(id, percent -> false);

        Operation waiting = scenario.await(id, op -> op.status() == OperationStatus.WAITING_FOR_ACTION);
        assertThat(waiting.control().instructions()).contains("./lmi approve " + id).contains(scenario.function + "-lmi");
        String alias = "arn:aws:lambda:us-east-1:123456789012:function:" + scenario.function + "-lmi:live";
        Map<String, String> atCutover = triggers();
        assertThat(atCutover.get("kinesis")).isEqualTo(alias);
        assertThat(atCutover.get("dynamodb")).isEqualTo(alias);
        assertThat(atCutover.get("rule")).contains("orders=" + alias);
        assertThat(atCutover.get("sns")).isEqualTo(List.of(alias).toString());
        assertThat(scenario.lambda.getFunctionUrlConfig(r -> r.functionName(scenario.function + "-lmi").qualifier("live"))
                .authTypeAsString()).isEqualTo("NONE");

        scenario.client.approve(id, "url-owner");
        Operation completed = scenario.awaitEnd(id);

        assertThat(completed.status()).as(completed.outcome().toString()).isEqualTo(OperationStatus.COMPLETED);
        assertThat(triggers().get("alb")).contains("Weight=100").contains(scenario.function.substring(0, 8));
        assertThat(scenario.lambda.getEventSourceMapping(r -> r.uuid(kinesisMapping)).uuid()).as("the same mapping, so the"
                + " same shard position").isEqualTo(kinesisMapping);
        assertThat(scenario.client.timeline(id)).extracting(e -> e.step()).contains("AwaitAction", "Approved");
    }

    @Test
    void aRollbackAfterTheCutoverPutsEveryTriggerBack() throws Exception {
        Map<String, String> before = triggers();
        String id = migrate();
        scenario.simulateTraffic(id, percent -> percent >= 50);
        scenario.await(id, op -> op.status() == OperationStatus.WAITING_FOR_ACTION);
        scenario.client.approve(id, "url-owner");

        Operation rolledBack = scenario.awaitEnd(id);

        assertThat(rolledBack.status()).as(rolledBack.outcome().toString()).isEqualTo(OperationStatus.ROLLED_BACK);
        assertThat(rolledBack.created()).isEmpty();
        assertThat(triggers()).isEqualTo(before);
        assertThat(scenario.client.operation(id).orElseThrow().outcome().orElseThrow().code()).isEqualTo("ALARM");
    }
}

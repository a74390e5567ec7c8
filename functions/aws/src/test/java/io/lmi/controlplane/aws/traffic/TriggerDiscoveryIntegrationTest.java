package io.lmi.controlplane.aws.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lmi.controlplane.core.traffic.Trigger;
import io.lmi.controlplane.core.traffic.TriggerKind;
import io.lmi.controlplane.local.AwsTarget;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@ExtendWith(LocalAwsExtension.class)
class TriggerDiscoveryIntegrationTest {
    private final TrafficClients aws;

    TriggerDiscoveryIntegrationTest(AwsTarget target) {
        this.aws = new TrafficClients(target);
    }

    @AfterEach
    void close() {
        aws.close();
    }

    @Test
    void findsEveryTriggerOfTheFunctionAndEachKindHasItsShifter() {
        Migration migration = Migration.create(aws);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String queueUrl = aws.sqs.createQueue(request -> request.queueName("q-" + suffix)).queueUrl();
        String queue = aws.sqs.getQueueAttributes(request -> request.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        aws.lambda.createEventSourceMapping(request -> request.eventSourceArn(queue).functionName(migration.originalArn()));
        aws.kinesis.createStream(request -> request.streamName("s-" + suffix).shardCount(1));
        String stream = aws.kinesis.describeStream(request -> request.streamName("s-" + suffix)).streamDescription()
                .streamARN();
        aws.lambda.createEventSourceMapping(request -> request.eventSourceArn(stream).functionName(migration.originalAlias())
                .startingPosition(EventSourcePosition.LATEST));
        aws.events.putRule(request -> request.name("r-" + suffix).scheduleExpression("rate(1 hour)"));
        aws.events.putTargets(request -> request.rule("r-" + suffix).targets(t -> t.id("t").arn(migration.originalArn())));
        String topic = aws.sns.createTopic(request -> request.name("t-" + suffix)).topicArn();
        aws.sns.subscribe(request -> request.topicArn(topic).protocol("lambda").endpoint(migration.originalArn()));
        aws.lambda.createFunctionUrlConfig(request -> request.functionName(migration.originalName())
                .authType(FunctionUrlAuthType.AWS_IAM));
        aws.lambda.addPermission(request -> request.functionName(migration.originalName()).statementId("partner")
                .action("lambda:InvokeFunction").principal("111122223333"));
        String api = aws.apigateway.createRestApi(request -> request.name("a-" + suffix)).id();
        String root = aws.apigateway.getResources(request -> request.restApiId(api)).items().get(0).id();
        aws.apigateway.putMethod(request -> request.restApiId(api).resourceId(root).httpMethod("GET")
                .authorizationType("NONE"));
        aws.apigateway.putIntegration(request -> request.restApiId(api).resourceId(root).httpMethod("GET")
                .type(IntegrationType.AWS_PROXY).integrationHttpMethod("POST")
                .uri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + migration.originalArn()
                        + "/invocations"));
        aws.apigateway.createDeployment(request -> request.restApiId(api).stageName("prod"));
        aws.lambda.addPermission(request -> request.functionName(migration.originalName()).statementId("api")
                .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com")
                .sourceArn("arn:aws:execute-api:us-east-1:123456789012:" + api + "/*"));
        TriggerShifters shifters = standard();

        List<Trigger> triggers = new TriggerDiscovery(shifters).discover(migration.originalTargets(aws));

        assertThat(triggers).extracting(Trigger::kind).containsExactlyInAnyOrder(TriggerKind.SQS, TriggerKind.KINESIS,
                TriggerKind.EVENTBRIDGE_RULE, TriggerKind.SNS, TriggerKind.API_GATEWAY_REST, TriggerKind.FUNCTION_URL,
                TriggerKind.DIRECT);
        for (Trigger trigger : triggers) {
            TriggerShifter shifter = shifters.forKind(trigger.kind());
            assertThat(shifter.kinds()).contains(trigger.kind());
            assertThat(shifter.describeShift(trigger, 100, migration.target())).isNotBlank();
        }
    }

    @Test
    void aFunctionWithoutTriggersHasNone() {
        Migration migration = Migration.create(aws);

        assertThat(new TriggerDiscovery(standard()).discover(migration.originalTargets(aws))).isEmpty();
    }

    @Test
    void theRegistryGivesEveryKindExactlyOneShifter() {
        TriggerShifters shifters = standard();

        assertThat(EnumSet.allOf(TriggerKind.class)).allSatisfy(kind ->
                assertThat(shifters.forKind(kind).kinds()).contains(kind));
        List<TriggerShifter> all = shifters.all();
        assertThatThrownBy(() -> new TriggerShifters(List.of(all.get(0), new SqsShifter(aws.lambda,
                SqsConcurrencySplit.withDefaults()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SQS is claimed by both");
        assertThatThrownBy(() -> new TriggerShifters(all.subList(0, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no shifter for")
                .hasMessageContaining("EVENTBRIDGE_RULE");
    }

    @Test
    void aShifterThatCannotLookFailsTheWholeDiscoveryAndSaysWhich() {
        Migration migration = Migration.create(aws);
        FunctionTargets missing = new FunctionTargets("gone", migration.originalArn().replace(migration.originalName(),
                "gone"), List.of());
        TriggerShifter failing = new TriggerShifter() {
            @Override
            public java.util.Set<TriggerKind> kinds() {
                return java.util.Set.of(TriggerKind.ALB);
            }

            @Override
            public List<Trigger> discover(FunctionTargets function) {
                aws.elb.describeTargetGroups(request -> request.targetGroupArns(
                        "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/none/0"));
                return List.of();
            }

            @Override
            public io.lmi.controlplane.core.traffic.TriggerState shift(io.lmi.controlplane.core.traffic.TriggerState s,
                    int p, io.lmi.controlplane.core.traffic.ShiftTarget t, ResourceRecorder r) {
                throw new UnsupportedOperationException("discovery only");
            }

            @Override
            public void restore(io.lmi.controlplane.core.traffic.TriggerState s,
                    io.lmi.controlplane.core.traffic.ShiftTarget t, ResourceRecorder r) {
                throw new UnsupportedOperationException("discovery only");
            }

            @Override
            public String describeShift(Trigger trigger, int p, io.lmi.controlplane.core.traffic.ShiftTarget t) {
                return "";
            }
        };
        List<TriggerShifter> shifters = new java.util.ArrayList<>(standard().all());
        shifters.removeIf(shifter -> shifter instanceof AlbShifter);
        shifters.add(failing);

        assertThatThrownBy(() -> new TriggerDiscovery(new TriggerShifters(shifters)).discover(missing))
                .isInstanceOf(TriggerDiscovery.TriggerDiscoveryException.class)
                .hasMessageContaining("[ALB]").hasMessageContaining("gone");
    }

    private TriggerShifters standard() {
        return TriggerShifters.standard(aws.lambda, aws.events, aws.sns, aws.apigateway, aws.elb,
                SqsConcurrencySplit.withDefaults(), Clock.systemUTC());
    }
}

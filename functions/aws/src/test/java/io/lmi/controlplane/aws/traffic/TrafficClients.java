package io.lmi.controlplane.aws.traffic;

import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.aws.LocalAwsClients;
import io.lmi.controlplane.local.AwsTarget;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Real SDK clients, with the project's configuration, for one test class against the local AWS. */
final class TrafficClients implements AutoCloseable {
    private static final String CBOR_SETTING = "aws.cborEnabled";
    final AwsClients clients;
    final LambdaClient lambda;
    final IamClient iam;
    final SqsClient sqs;
    final KinesisClient kinesis;
    final DynamoDbClient dynamo;
    final EventBridgeClient events;
    final SnsClient sns;
    final ApiGatewayClient apigateway;
    final ElasticLoadBalancingV2Client elb;
    final Ec2Client ec2;

    TrafficClients(AwsTarget target) {
        clients = LocalAwsClients.of(target);
        lambda = clients.configure(LambdaClient.builder()).build();
        iam = clients.configure(IamClient.builder()).build();
        sqs = clients.configure(SqsClient.builder()).build();
        kinesis = jsonKinesis(clients);
        dynamo = clients.configure(DynamoDbClient.builder()).build();
        events = clients.configure(EventBridgeClient.builder()).build();
        sns = clients.configure(SnsClient.builder()).build();
        apigateway = ApiGatewayRestShifter.client(clients);
        elb = clients.configure(ElasticLoadBalancingV2Client.builder()).build();
        ec2 = clients.configure(Ec2Client.builder()).build();
    }

    /**
     * The SDK speaks CBOR to Kinesis by default and moto 5.2.1 answers CBOR with HTTP 500; the protocol is chosen
     * from the {@code aws.cborEnabled} setting when a client is built, so it is switched off for this one build only.
     */
    private static synchronized KinesisClient jsonKinesis(AwsClients clients) {
        String previous = System.getProperty(CBOR_SETTING);
        System.setProperty(CBOR_SETTING, "false");
        try {
            return clients.configure(KinesisClient.builder()).build();
        } finally {
            if (previous == null) {
                System.clearProperty(CBOR_SETTING);
            } else {
                System.setProperty(CBOR_SETTING, previous);
            }
        }
    }

    @Override
    public void close() {
        lambda.close();
        iam.close();
        sqs.close();
        kinesis.close();
        dynamo.close();
        events.close();
        sns.close();
        apigateway.close();
        elb.close();
        ec2.close();
        clients.close();
    }
}

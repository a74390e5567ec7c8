package io.lmi.controlplane.functions.migration;

import io.lmi.controlplane.aws.traffic.ApiGatewayRestShifter;
import io.lmi.controlplane.aws.traffic.SqsConcurrencySplit;
import io.lmi.controlplane.aws.traffic.TriggerShifters;
import io.lmi.controlplane.runtime.ControlPlane;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** The trigger shifters a handler needs, over clients built once for the handler's lifetime. */
final class Shifters {
    private Shifters() {
    }

    static TriggerShifters create(ControlPlane controlPlane, LambdaClient lambda) {
        var clients = controlPlane.clients();
        return TriggerShifters.standard(lambda,
                clients.configure(EventBridgeClient.builder()).build(),
                clients.configure(SnsClient.builder()).build(),
                // API Gateway changes stages with PATCH, which the shared url-connection client cannot send.
                ApiGatewayRestShifter.client(clients),
                clients.configure(ElasticLoadBalancingV2Client.builder()).build(),
                SqsConcurrencySplit.withDefaults(), controlPlane.clock());
    }
}

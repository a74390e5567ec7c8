package io.lmi.controlplane.aws.traffic;

import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Whether a resource a recorder was told about exists, found by its recorded id alone (as a cleanup would). */
final class CreatedResourceProbe {
    private final TrafficClients aws;

    CreatedResourceProbe(TrafficClients aws) {
        this.aws = aws;
    }

    boolean exists(String type, String id) {
        String[] parts = id.split("\\|");
        return switch (type) {
            case CreatedResources.EVENT_SOURCE_MAPPING -> aws.lambda.listEventSourceMappings(request ->
                    request.eventSourceArn(parts[0])).eventSourceMappings().stream()
                    .anyMatch(mapping -> parts[1].equals(mapping.functionArn()));
            case CreatedResources.PERMISSION -> new FunctionPolicy(aws.lambda).statementsOf(parts[0]).stream()
                    .anyMatch(statement -> parts[1].equals(statement.sid())
                            && parts[0].equals(statement.resource()));
            case CreatedResources.TARGET_GROUP -> {
                try {
                    yield !aws.elb.describeTargetGroups(request -> request.names(id)).targetGroups().isEmpty();
                } catch (TargetGroupNotFoundException none) {
                    yield false;
                }
            }
            case CreatedResources.FUNCTION_URL -> {
                try {
                    aws.lambda.getFunctionUrlConfig(request -> request.functionName(Arns.unqualified(id))
                            .qualifier(Arns.qualifier(id).orElse(null)));
                    yield true;
                } catch (ResourceNotFoundException none) {
                    yield false;
                }
            }
            case CreatedResources.SUBSCRIPTION -> aws.sns.listSubscriptionsByTopic(request -> request.topicArn(parts[0]))
                    .subscriptions().stream().anyMatch(subscription -> parts[1].equals(subscription.endpoint()));
            case CreatedResources.API_DEPLOYMENT -> aws.apigateway.getDeployments(request -> request.restApiId(parts[0]))
                    .items().stream().anyMatch(deployment ->
                            CreatedResources.canaryDescription(parts[1], parts[2]).equals(deployment.description()));
            default -> throw new IllegalArgumentException("no probe for resource type " + type);
        };
    }
}

package io.lmi.controlplane.aws.traffic;

import io.lmi.controlplane.core.traffic.ShiftTarget;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateTargetGroupNameException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * The Lambda target group a migration makes for the new alias, a twin of the original's: the same health-check
 * settings and the same {@code lambda.*} attributes (multi-value headers change the event the function gets).
 * Found again by its name, so a retried step or a rollback needs no notes.
 */
final class LambdaTargetGroups {
    private static final String LAMBDA_ATTRIBUTE_PREFIX = "lambda.";

    private final ElasticLoadBalancingV2Client elb;

    LambdaTargetGroups(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    /** The twin of {@code originalArn} named {@code name}, made (and reported first) when it does not exist. */
    TargetGroup ensureTwin(String originalArn, String name, ShiftTarget target, ResourceRecorder recorder) {
        Optional<TargetGroup> existing = named(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        TargetGroup model = elb.describeTargetGroups(request -> request.targetGroupArns(originalArn)).targetGroups().get(0);
        recorder.creating(CreatedResources.TARGET_GROUP, name, target.newFunctionName());
        CreateTargetGroupRequest.Builder request = CreateTargetGroupRequest.builder().name(name)
                .targetType(TargetTypeEnum.LAMBDA)
                .healthCheckEnabled(model.healthCheckEnabled());
        if (Boolean.TRUE.equals(model.healthCheckEnabled())) {
            request.healthCheckPath(model.healthCheckPath())
                    .healthCheckIntervalSeconds(model.healthCheckIntervalSeconds())
                    .healthCheckTimeoutSeconds(model.healthCheckTimeoutSeconds())
                    .healthyThresholdCount(model.healthyThresholdCount())
                    .unhealthyThresholdCount(model.unhealthyThresholdCount())
                    .matcher(model.matcher());
        }
        TargetGroup created;
        try {
            created = elb.createTargetGroup(request.build()).targetGroups().get(0);
        } catch (DuplicateTargetGroupNameException createdMeanwhile) {
            created = named(name).orElseThrow(() -> createdMeanwhile);
        }
        List<TargetGroupAttribute> lambdaAttributes = elb.describeTargetGroupAttributes(attributes ->
                        attributes.targetGroupArn(originalArn)).attributes().stream()
                .filter(attribute -> attribute.key() != null && attribute.key().startsWith(LAMBDA_ATTRIBUTE_PREFIX))
                .toList();
        if (!lambdaAttributes.isEmpty()) {
            String arn = created.targetGroupArn();
            elb.modifyTargetGroupAttributes(attributes -> attributes.targetGroupArn(arn).attributes(lambdaAttributes));
        }
        return created;
    }

    void register(String targetGroupArn, String functionArn) {
        if (!registered(targetGroupArn).contains(functionArn)) {
            elb.registerTargets(request -> request.targetGroupArn(targetGroupArn)
                    .targets(TargetDescription.builder().id(functionArn).build()));
        }
    }

    /** Deregisters the function and deletes the target group named {@code name}; whether there was one. */
    boolean delete(String name, String functionArn) {
        Optional<TargetGroup> group = named(name);
        if (group.isEmpty()) {
            return false;
        }
        String arn = group.get().targetGroupArn();
        if (registered(arn).contains(functionArn)) {
            elb.deregisterTargets(request -> request.targetGroupArn(arn)
                    .targets(TargetDescription.builder().id(functionArn).build()));
        }
        try {
            elb.deleteTargetGroup(request -> request.targetGroupArn(arn));
        } catch (TargetGroupNotFoundException alreadyGone) {
            // Deleted by an earlier attempt of this rollback.
        }
        return true;
    }

    List<String> registered(String targetGroupArn) {
        return elb.describeTargetHealth(request -> request.targetGroupArn(targetGroupArn)).targetHealthDescriptions()
                .stream().map(description -> description.target().id()).toList();
    }

    Optional<TargetGroup> named(String name) {
        try {
            return elb.describeTargetGroups(request -> request.names(name)).targetGroups().stream().findFirst();
        } catch (TargetGroupNotFoundException none) {
            return Optional.empty();
        }
    }
}

package io.lmi.controlplane.aws.traffic;

import io.lmi.controlplane.core.traffic.ShiftTarget;
import io.lmi.controlplane.core.traffic.Trigger;
import io.lmi.controlplane.core.traffic.TriggerKind;
import io.lmi.controlplane.core.traffic.TriggerState;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Subscription;

/**
 * Moves an SNS topic's Lambda subscription to the new function at the plan's cut-over step: the new alias is
 * subscribed with the original subscription's delivery settings (FilterPolicy and its scope, RedrivePolicy), then the
 * original subscription is removed. SNS cannot swap a subscription's endpoint in place, so there is a short overlap:
 * subscribing first means no message is lost, and a message published between the two calls can reach both
 * functions. The overlap's bounds are kept in the notes so that anyone reconciling duplicates knows the window.
 *
 * <p>A rollback subscribes the original endpoint again (first, again so that nothing is lost) and then removes the new
 * subscription; SNS gives the restored subscription a new ARN, with the same topic, endpoint and settings.
 *
 * <p>Notes ({@link SnsNotes}): the permission, the new subscription's ARN and the overlap window.
 */
public final class SnsShifter implements TriggerShifter {
    static final String PRINCIPAL = "sns.amazonaws.com";
    private static final String PROTOCOL = "lambda";
    private static final String PURPOSE = "sns";
    /** The subscription attributes that shape delivery to a Lambda endpoint (SNS API reference, SetSubscriptionAttributes). */
    private static final List<String> COPIED_ATTRIBUTES = List.of("FilterPolicy", "FilterPolicyScope", "RedrivePolicy");

    private final SnsClient sns;
    private final InvokePermissions permissions;
    private final Clock clock;

    public SnsShifter(SnsClient sns, LambdaClient lambda, Clock clock) {
        this.sns = sns;
        this.permissions = new InvokePermissions(lambda);
        this.clock = clock;
    }

    /** The subscription as discovered: its delivery attributes are the ones a re-subscription needs. */
    public record SnsSubscription(String subscriptionArn, String topicArn, String endpoint, Map<String, String> attributes) {
        public SnsSubscription {
            attributes = Map.copyOf(attributes);
        }
    }

    /**
     * @param overlapStart      before the new subscription was made (or, when a retried step found it already made,
     *                          when it was found: then {@code overlapStartExact} is false and the overlap began earlier)
     * @param overlapEnd        after the original subscription was removed
     */
    public record SnsNotes(String permissionId, String newSubscriptionArn, Instant overlapStart, boolean overlapStartExact,
                           Instant overlapEnd) {
    }

    @Override
    public Set<TriggerKind> kinds() {
        return Set.of(TriggerKind.SNS);
    }

    @Override
    public List<Trigger> discover(FunctionTargets function) {
        return sns.listSubscriptionsPaginator(request -> { }).subscriptions().stream()
                .filter(subscription -> PROTOCOL.equals(subscription.protocol()) && function.matches(subscription.endpoint()))
                .map(subscription -> {
                    SnsSubscription original = new SnsSubscription(subscription.subscriptionArn(),
                            subscription.topicArn(), subscription.endpoint(), deliveryAttributes(subscription));
                    return new Trigger(TriggerKind.SNS, subscription.subscriptionArn(), subscription.topicArn(),
                            Notes.write(original));
                })
                .toList();
    }

    @Override
    public TriggerState shift(TriggerState current, int percentOnNew, ShiftTarget target, ResourceRecorder recorder) {
        ShiftPercents.requireAllOrNothing(current.trigger(), percentOnNew);
        if (percentOnNew == 0) {
            if (current.percentOnNew() != 0) {
                restore(current, target, recorder);
            }
            return current.withShift(0, null);
        }
        SnsSubscription original = original(current.trigger());
        String permissionId = permissions.grant(InvokePermissions.Grant.invoke(target.newFunctionArn(),
                statementId(original, target), PRINCIPAL, original.topicArn()), recorder, target.newFunctionName());
        Instant overlapStart = clock.instant();
        boolean startExact = true;
        String newSubscription = subscriptionTo(original.topicArn(), target.newFunctionArn());
        if (newSubscription == null) {
            recorder.creating(CreatedResources.SUBSCRIPTION,
                    CreatedResources.subscriptionId(original.topicArn(), target.newFunctionArn()), target.newFunctionName());
            newSubscription = subscribe(original, target.newFunctionArn());
        } else {
            startExact = false;
        }
        if (subscriptionArns(original.topicArn()).contains(original.subscriptionArn())) {
            unsubscribe(original.subscriptionArn());
        }
        Instant overlapEnd = clock.instant();
        return current.withShift(100, Notes.write(new SnsNotes(permissionId, newSubscription, overlapStart, startExact,
                overlapEnd)));
    }

    @Override
    public void restore(TriggerState current, ShiftTarget target, ResourceRecorder recorder) {
        SnsSubscription original = original(current.trigger());
        if (subscriptionTo(original.topicArn(), original.endpoint()) == null) {
            subscribe(original, original.endpoint());
        }
        String created = subscriptionTo(original.topicArn(), target.newFunctionArn());
        if (created != null) {
            unsubscribe(created);
            recorder.deleted(CreatedResources.SUBSCRIPTION,
                    CreatedResources.subscriptionId(original.topicArn(), target.newFunctionArn()));
        }
        permissions.revoke(CreatedResources.permissionId(target.newFunctionArn(), statementId(original, target)), recorder);
    }

    @Override
    public String describeShift(Trigger trigger, int percentOnNew, ShiftTarget target) {
        ShiftPercents.requireAllOrNothing(trigger, percentOnNew);
        SnsSubscription original = original(trigger);
        if (percentOnNew == 0) {
            return "SNS " + original.topicArn() + ": subscription " + original.subscriptionArn() + " delivers to "
                    + original.endpoint() + ".";
        }
        return "SNS " + original.topicArn() + ": allow the topic to invoke " + target.newFunctionArn() + ", subscribe it "
                + "with the original's delivery settings ("
                + (original.attributes().isEmpty() ? "none set" : String.join(", ", original.attributes().keySet()))
                + "), then unsubscribe " + original.subscriptionArn() + "; SNS has no atomic swap, so "
                + "messages published between the two calls (about a second) may reach both functions, and none is lost.";
    }

    private Map<String, String> deliveryAttributes(Subscription subscription) {
        Map<String, String> all = sns.getSubscriptionAttributes(request ->
                request.subscriptionArn(subscription.subscriptionArn())).attributes();
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : COPIED_ATTRIBUTES) {
            // FilterPolicyScope means nothing without a FilterPolicy; SNS reports it on some subscriptions anyway.
            if (all.containsKey(name) && (!"FilterPolicyScope".equals(name) || all.containsKey("FilterPolicy"))) {
                kept.put(name, all.get(name));
            }
        }
        return kept;
    }

    private String subscribe(SnsSubscription original, String endpoint) {
        return sns.subscribe(request -> request.topicArn(original.topicArn()).protocol(PROTOCOL).endpoint(endpoint)
                .attributes(original.attributes()).returnSubscriptionArn(true)).subscriptionArn();
    }

    private void unsubscribe(String subscriptionArn) {
        try {
            sns.unsubscribe(request -> request.subscriptionArn(subscriptionArn));
        } catch (NotFoundException alreadyGone) {
            // Removed by an earlier attempt of this step.
        }
    }

    private String subscriptionTo(String topicArn, String endpoint) {
        return sns.listSubscriptionsByTopicPaginator(request -> request.topicArn(topicArn)).subscriptions().stream()
                .filter(subscription -> PROTOCOL.equals(subscription.protocol()) && endpoint.equals(subscription.endpoint()))
                .map(Subscription::subscriptionArn).findFirst().orElse(null);
    }

    private List<String> subscriptionArns(String topicArn) {
        return sns.listSubscriptionsByTopicPaginator(request -> request.topicArn(topicArn)).subscriptions().stream()
                .map(Subscription::subscriptionArn).toList();
    }

    private static String statementId(SnsSubscription original, ShiftTarget target) {
        return StatementIds.of(target.operationId(), PURPOSE, original.topicArn());
    }

    private static SnsSubscription original(Trigger trigger) {
        if (trigger.kind() != TriggerKind.SNS) {
            throw new IllegalArgumentException("trigger " + trigger.id() + " is not an SNS subscription");
        }
        return Notes.require(trigger.original(), SnsSubscription.class, "the original subscription of " + trigger.id());
    }
}

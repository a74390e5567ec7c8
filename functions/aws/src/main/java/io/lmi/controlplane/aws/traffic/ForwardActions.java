package io.lmi.controlplane.aws.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * A listener's or rule's actions with the original function's target group share split with the new one's. Pure, so
 * the weights can be checked without a load balancer.
 *
 * <p>The original target group's weight is divided between it and the new target group; every other target group
 * of the same forward keeps its proportion. Weights are first scaled up so that the divided share has 100 units
 * where the 0-999 range allows (a plain forward, weight 1, becomes 100-p and p).
 */
final class ForwardActions {
    /** ALB target group weights are 0-999 (Elastic Load Balancing API reference, TargetGroupTuple). */
    static final int MAX_WEIGHT = 999;
    private static final int UNITS_PER_SHARE = 100;

    private ForwardActions() {
    }

    static boolean forwardsTo(List<Action> actions, String targetGroupArn) {
        return actions.stream().anyMatch(action -> referenced(action, targetGroupArn));
    }

    /** The actions with {@code percentOnNew} of the original target group's share sent to the new one. */
    static List<Action> split(List<Action> actions, String originalTargetGroup, String newTargetGroup, int percentOnNew) {
        List<Action> result = new ArrayList<>();
        for (Action action : actions) {
            result.add(referenced(action, originalTargetGroup)
                    ? split(action, originalTargetGroup, newTargetGroup, percentOnNew) : action);
        }
        return result;
    }

    private static Action split(Action action, String originalTargetGroup, String newTargetGroup, int percentOnNew) {
        List<TargetGroupTuple> groups = new ArrayList<>();
        ForwardActionConfig forward = action.forwardConfig();
        if (forward != null && forward.hasTargetGroups()) {
            forward.targetGroups().stream().filter(group -> !newTargetGroup.equals(group.targetGroupArn()))
                    .forEach(groups::add);
        } else {
            groups.add(TargetGroupTuple.builder().targetGroupArn(action.targetGroupArn()).weight(1).build());
        }
        int largest = groups.stream().mapToInt(ForwardActions::weight).max().orElse(1);
        int scale = Math.max(1, Math.min(UNITS_PER_SHARE, MAX_WEIGHT / Math.max(1, largest)));
        List<TargetGroupTuple> weighted = new ArrayList<>();
        for (TargetGroupTuple group : groups) {
            int scaled = weight(group) * scale;
            if (originalTargetGroup.equals(group.targetGroupArn())) {
                int onNew = (int) Math.round(scaled * percentOnNew / 100.0);
                weighted.add(TargetGroupTuple.builder().targetGroupArn(originalTargetGroup).weight(scaled - onNew).build());
                weighted.add(TargetGroupTuple.builder().targetGroupArn(newTargetGroup).weight(onNew).build());
            } else {
                weighted.add(group.toBuilder().weight(scaled).build());
            }
        }
        ForwardActionConfig.Builder config = ForwardActionConfig.builder().targetGroups(weighted);
        if (forward != null && forward.targetGroupStickinessConfig() != null) {
            config.targetGroupStickinessConfig(forward.targetGroupStickinessConfig());
        }
        // With more than one target group the action names them only in ForwardConfig.
        return action.toBuilder().targetGroupArn(null).forwardConfig(config.build()).build();
    }

    /**
     * Whether two action lists route alike. ELB describes actions in its own normal form (a plain forward also as a
     * one-group ForwardConfig, stickiness as disabled when unset, an Order), so equal routing is compared, not equal
     * objects: a retried step then sees that nothing is left to change.
     */
    static boolean sameRouting(List<Action> left, List<Action> right) {
        return left.stream().map(ForwardActions::routing).toList()
                .equals(right.stream().map(ForwardActions::routing).toList());
    }

    private record Routing(Action other, Map<String, Integer> weights, boolean sticky, Integer stickySeconds) {
    }

    private static Routing routing(Action action) {
        Action other = action.toBuilder().order(null).targetGroupArn(null).forwardConfig((ForwardActionConfig) null).build();
        if (action.type() != ActionTypeEnum.FORWARD) {
            return new Routing(action.toBuilder().order(null).build(), Map.of(), false, null);
        }
        Map<String, Integer> weights = new TreeMap<>();
        ForwardActionConfig forward = action.forwardConfig();
        if (forward != null && forward.hasTargetGroups()) {
            forward.targetGroups().forEach(group -> weights.put(group.targetGroupArn(), weight(group)));
        } else if (action.targetGroupArn() != null) {
            weights.put(action.targetGroupArn(), 1);
        }
        var stickiness = forward == null ? null : forward.targetGroupStickinessConfig();
        boolean sticky = stickiness != null && Boolean.TRUE.equals(stickiness.enabled());
        return new Routing(other, weights, sticky, sticky ? stickiness.durationSeconds() : null);
    }

    private static boolean referenced(Action action, String targetGroupArn) {
        if (action.type() != ActionTypeEnum.FORWARD) {
            return false;
        }
        if (targetGroupArn.equals(action.targetGroupArn())) {
            return true;
        }
        ForwardActionConfig forward = action.forwardConfig();
        return forward != null && forward.hasTargetGroups()
                && forward.targetGroups().stream().anyMatch(group -> targetGroupArn.equals(group.targetGroupArn()));
    }

    private static int weight(TargetGroupTuple group) {
        // A tuple without a weight counts as weight 1 (ALB's default).
        return group.weight() == null ? 1 : group.weight();
    }
}

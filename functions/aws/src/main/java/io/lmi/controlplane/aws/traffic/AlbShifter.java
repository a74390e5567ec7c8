package io.lmi.controlplane.aws.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lmi.controlplane.core.traffic.ShiftTarget;
import io.lmi.controlplane.core.traffic.Trigger;
import io.lmi.controlplane.core.traffic.TriggerKind;
import io.lmi.controlplane.core.traffic.TriggerState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Shares an Application Load Balancer's traffic between the two functions with weighted target groups: a Lambda
 * target group for the new alias (with the original's health-check settings and Lambda attributes, such as
 * multi-value headers, which shape the event the function gets), then every listener default action and rule that
 * forwards to the original target group forwards to both, weighted {@code 100-p} and {@code p} (exact: the load
 * balancer weighs each request). At 100% the original keeps weight 0 in the forward, so a rollback is one update.
 *
 * <p>The new target group's name is derived from the migration and the original target group, so a retried step
 * finds it. The alias allows the load balancer to invoke it (with the new target group as SourceArn) before it is
 * registered, as registration requires. Lambda targets report {@code unavailable} while health checks are off, so no
 * step waits for them to be healthy.
 *
 * <p>Notes ({@link AlbNotes}): the permission, the new target group's name and ARN, and the rules changed.
 */
public final class AlbShifter implements TriggerShifter {
    static final String PRINCIPAL = "elasticloadbalancing.amazonaws.com";
    private static final String PURPOSE = "elb";
    // Target group names: 1-32 characters, letters, digits and hyphens (Elastic Load Balancing API reference).
    private static final int NAME_HINT = 14;

    private final ElasticLoadBalancingV2Client elb;
    private final LambdaTargetGroups targetGroups;
    private final FunctionPolicy policy;
    private final InvokePermissions permissions;

    public AlbShifter(ElasticLoadBalancingV2Client elb, LambdaClient lambda) {
        this.elb = elb;
        this.targetGroups = new LambdaTargetGroups(elb);
        this.policy = new FunctionPolicy(lambda);
        this.permissions = new InvokePermissions(lambda);
    }

    /** A listener default action or a rule that forwards to the original target group, with its actions as discovered. */
    public record ForwardingRule(String listenerArn, String ruleArn, boolean isDefault, JsonNode actions) {
    }

    /** The original target group, the function ARN registered in it, and what forwards to it. */
    public record AlbTargetGroup(String targetGroupArn, String targetGroupName, String functionArn,
                                 List<ForwardingRule> rules) {
        public AlbTargetGroup {
            rules = List.copyOf(rules);
        }
    }

    public record AlbNotes(String permissionId, String newTargetGroupName, String newTargetGroupArn, int weightOnNew,
                           List<String> rulesChanged) {
    }

    @Override
    public Set<TriggerKind> kinds() {
        return Set.of(TriggerKind.ALB);
    }

    @Override
    public List<Trigger> discover(FunctionTargets function) {
        List<Trigger> triggers = new ArrayList<>();
        for (TargetGroup group : candidateTargetGroups(function)) {
            Optional<String> registered = targetGroups.registered(group.targetGroupArn()).stream().filter(function::matches)
                    .findFirst();
            if (registered.isEmpty()) {
                continue;
            }
            List<ForwardingRule> rules = forwardingRules(group);
            if (rules.isEmpty()) {
                continue;
            }
            triggers.add(new Trigger(TriggerKind.ALB, group.targetGroupArn(),
                    "target group " + group.targetGroupName() + " of " + String.join(", ", group.loadBalancerArns()),
                    Notes.write(new AlbTargetGroup(group.targetGroupArn(), group.targetGroupName(), registered.get(),
                            rules))));
        }
        return triggers;
    }

    @Override
    public TriggerState shift(TriggerState current, int percentOnNew, ShiftTarget target, ResourceRecorder recorder) {
        ShiftPercents.requirePercent(percentOnNew);
        AlbTargetGroup original = original(current.trigger());
        if (percentOnNew == 0) {
            restore(current, target, recorder);
            return current.withShift(0, null);
        }
        String name = newTargetGroupName(original, target);
        TargetGroup created = targetGroups.ensureTwin(original.targetGroupArn(), name, target, recorder);
        // Registering a Lambda target needs the permission first (Elastic Load Balancing, Lambda functions as targets).
        String permissionId = permissions.grant(InvokePermissions.Grant.invoke(target.newFunctionArn(),
                statementId(original, target), PRINCIPAL, created.targetGroupArn()), recorder, target.newFunctionName());
        targetGroups.register(created.targetGroupArn(), target.newFunctionArn());
        List<String> changed = new ArrayList<>();
        for (ForwardingRule rule : original.rules()) {
            List<Action> wanted = ForwardActions.split(actions(rule.actions()), original.targetGroupArn(),
                    created.targetGroupArn(), percentOnNew);
            if (setActions(rule, wanted)) {
                changed.add(rule.isDefault() ? rule.listenerArn() : rule.ruleArn());
            }
        }
        return current.withShift(percentOnNew, Notes.write(new AlbNotes(permissionId, name, created.targetGroupArn(),
                percentOnNew, changed)));
    }

    @Override
    public void restore(TriggerState current, ShiftTarget target, ResourceRecorder recorder) {
        AlbTargetGroup original = original(current.trigger());
        for (ForwardingRule rule : original.rules()) {
            setActions(rule, actions(rule.actions()));
        }
        String name = newTargetGroupName(original, target);
        if (targetGroups.delete(name, target.newFunctionArn())) {
            recorder.deleted(CreatedResources.TARGET_GROUP, name);
        }
        // The statement id depends on the migration and the original target group only, so it is found even when a
        // crash came between granting it and creating the target group.
        permissions.revoke(CreatedResources.permissionId(target.newFunctionArn(), statementId(original, target)), recorder);
    }

    @Override
    public String describeShift(Trigger trigger, int percentOnNew, ShiftTarget target) {
        ShiftPercents.requirePercent(percentOnNew);
        AlbTargetGroup original = original(trigger);
        if (percentOnNew == 0) {
            return "ALB target group " + original.targetGroupName() + ": " + original.rules().size()
                    + " listener rule(s) forward only to it again; the target group of " + target.newFunctionArn()
                    + " is deleted.";
        }
        return "ALB target group " + original.targetGroupName() + ": " + original.rules().size() + " listener rule(s) "
                + "forward with weights " + (100 - percentOnNew) + " to it and " + percentOnNew + " to target group "
                + newTargetGroupName(original, target) + " of " + target.newFunctionArn() + " (exact per request).";
    }

    /** Sets a rule's (or a listener's default) actions when they differ; returns whether it changed them. */
    private boolean setActions(ForwardingRule rule, List<Action> wanted) {
        List<Action> now = rule.isDefault()
                ? elb.describeListeners(request -> request.listenerArns(rule.listenerArn())).listeners().get(0)
                        .defaultActions()
                : elb.describeRules(request -> request.ruleArns(rule.ruleArn())).rules().get(0).actions();
        if (ForwardActions.sameRouting(now, wanted)) {
            return false;
        }
        if (rule.isDefault()) {
            elb.modifyListener(request -> request.listenerArn(rule.listenerArn()).defaultActions(wanted));
        } else {
            elb.modifyRule(request -> request.ruleArn(rule.ruleArn()).actions(wanted));
        }
        return true;
    }

    private List<TargetGroup> candidateTargetGroups(FunctionTargets function) {
        Set<String> arns = new LinkedHashSet<>();
        boolean unscoped = false;
        for (PolicyStatement statement : policy.statements(function)) {
            if (statement.isFrom(PRINCIPAL) && statement.allowsInvoke()) {
                if (statement.sourceArn() == null || statement.sourceArn().contains("*")) {
                    unscoped = true;
                } else {
                    arns.add(statement.sourceArn());
                }
            }
        }
        List<TargetGroup> groups = new ArrayList<>();
        if (unscoped) {
            // A statement without a target group: any Lambda target group may invoke it, so look at all of them.
            elb.describeTargetGroupsPaginator(request -> { }).targetGroups().stream()
                    .filter(group -> group.targetType() == TargetTypeEnum.LAMBDA).forEach(groups::add);
            return groups;
        }
        for (String arn : arns) {
            try {
                groups.addAll(elb.describeTargetGroups(request -> request.targetGroupArns(arn)).targetGroups());
            } catch (TargetGroupNotFoundException staleStatement) {
                // The statement outlived its target group: nothing forwards through it.
            }
        }
        return groups;
    }

    private List<ForwardingRule> forwardingRules(TargetGroup group) {
        List<ForwardingRule> rules = new ArrayList<>();
        for (String loadBalancer : new LinkedHashSet<>(group.loadBalancerArns())) {
            elb.describeListenersPaginator(request -> request.loadBalancerArn(loadBalancer)).listeners().forEach(listener -> {
                for (Rule rule : elb.describeRulesPaginator(request -> request.listenerArn(listener.listenerArn())).rules()) {
                    List<Action> actions = Boolean.TRUE.equals(rule.isDefault()) ? listener.defaultActions() : rule.actions();
                    if (ForwardActions.forwardsTo(actions, group.targetGroupArn())) {
                        rules.add(new ForwardingRule(listener.listenerArn(), rule.ruleArn(),
                                Boolean.TRUE.equals(rule.isDefault()), tree(actions)));
                    }
                }
            });
        }
        return rules;
    }

    /** {@code lmi-<start of the original's name>-<hash>}: stable across retries of the same migration. */
    static String newTargetGroupName(AlbTargetGroup original, ShiftTarget target) {
        String hint = original.targetGroupName().replaceAll("[^a-zA-Z0-9-]", "-");
        hint = hint.substring(0, Math.min(NAME_HINT, hint.length())).replaceAll("-+$", "");
        return "lmi-" + hint + "-" + StatementIds.hash(target.operationId() + "|" + PURPOSE + "|" + original.targetGroupArn());
    }

    private static String statementId(AlbTargetGroup original, ShiftTarget target) {
        return StatementIds.of(target.operationId(), PURPOSE, original.targetGroupArn());
    }

    private static JsonNode tree(List<Action> actions) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        actions.forEach(action -> array.add(SdkPojoJson.toTree(action)));
        return array;
    }

    private static List<Action> actions(JsonNode tree) {
        List<Action> actions = new ArrayList<>();
        tree.forEach(node -> actions.add(SdkPojoJson.fromTree(node, Action.builder())));
        return actions;
    }

    private static AlbTargetGroup original(Trigger trigger) {
        if (trigger.kind() != TriggerKind.ALB) {
            throw new IllegalArgumentException("trigger " + trigger.id() + " is not an ALB target group");
        }
        return Notes.require(trigger.original(), AlbTargetGroup.class, "the original target group of " + trigger.id());
    }
}

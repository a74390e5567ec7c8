package io.lmi.controlplane.aws.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.core.traffic.ShiftTarget;
import io.lmi.controlplane.core.traffic.Trigger;
import io.lmi.controlplane.core.traffic.TriggerKind;
import io.lmi.controlplane.core.traffic.TriggerState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ListEventBusesResponse;
import software.amazon.awssdk.services.eventbridge.model.ListRuleNamesByTargetResponse;
import software.amazon.awssdk.services.eventbridge.model.ListTargetsByRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * Moves an EventBridge rule's target to the new function at the plan's cut-over step. PutTargets with the target's
 * own Id replaces it in place, so each event goes to exactly one of the two functions; everything else about the
 * target (Input, InputPath, InputTransformer, RetryPolicy, DeadLetterConfig, and any other setting) is kept as it
 * was. The new alias is allowed to be invoked by that rule first, so no event meets a function that refuses it.
 *
 * <p>Rules are found from the function's resource policy ({@code events.amazonaws.com} with the rule as SourceArn) and
 * with ListRuleNamesByTarget on every event bus, for the function and each alias and version.
 *
 * <p>Notes ({@link EventBridgeNotes}): the permission granted and the ARN the target invokes now.
 */
public final class EventBridgeRuleShifter implements TriggerShifter {
    static final String PRINCIPAL = "events.amazonaws.com";
    private static final String PURPOSE = "events";

    private final EventBridgeClient events;
    private final FunctionPolicy policy;
    private final InvokePermissions permissions;

    public EventBridgeRuleShifter(EventBridgeClient events, software.amazon.awssdk.services.lambda.LambdaClient lambda) {
        this.events = events;
        this.policy = new FunctionPolicy(lambda);
        this.permissions = new InvokePermissions(lambda);
    }

    /** @param ruleArn the rule @param eventBusName its bus @param target the target as discovered (SDK JSON) */
    public record RuleTarget(String ruleArn, String ruleName, String eventBusName, JsonNode target) {
    }

    /** @param permissionId the grant on the new alias @param targetArn what the target invokes now */
    public record EventBridgeNotes(String permissionId, String targetArn) {
    }

    @Override
    public Set<TriggerKind> kinds() {
        return Set.of(TriggerKind.EVENTBRIDGE_RULE);
    }

    @Override
    public List<Trigger> discover(FunctionTargets function) {
        Set<RuleName> rules = new LinkedHashSet<>();
        for (PolicyStatement statement : policy.statements(function)) {
            if (statement.isFrom(PRINCIPAL) && statement.sourceArn() != null) {
                RuleName.parse(statement.sourceArn()).ifPresent(rules::add);
            }
        }
        List<String> arns = new ArrayList<>();
        arns.add(function.functionArn());
        arns.addAll(function.qualifiedArns());
        for (String bus : eventBuses()) {
            for (String arn : arns) {
                ruleNamesTargeting(arn, bus).forEach(name -> rules.add(new RuleName(bus, name)));
            }
        }
        List<Trigger> triggers = new ArrayList<>();
        for (RuleName rule : rules) {
            List<Target> targets;
            String ruleArn;
            try {
                targets = targets(rule.bus(), rule.name());
                ruleArn = events.describeRule(request -> request.name(rule.name()).eventBusName(rule.bus())).arn();
            } catch (ResourceNotFoundException staleStatement) {
                continue;
            }
            for (Target target : targets) {
                if (function.matches(target.arn())) {
                    triggers.add(new Trigger(TriggerKind.EVENTBRIDGE_RULE, ruleArn + "|" + target.id(), ruleArn,
                            Notes.write(new RuleTarget(ruleArn, rule.name(), rule.bus(), SdkPojoJson.toTree(target)))));
                }
            }
        }
        return triggers;
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
        RuleTarget rule = original(current.trigger());
        Target original = SdkPojoJson.fromTree(rule.target(), Target.builder());
        String permissionId = permissions.grant(InvokePermissions.Grant.invoke(target.newFunctionArn(),
                statementId(rule, target), PRINCIPAL, rule.ruleArn()), recorder, target.newFunctionName());
        Target now = currentTarget(rule, original.id()).orElseThrow(() -> new ShiftRefusedException(
                "target " + original.id() + " of rule " + rule.ruleArn() + " no longer exists: it was removed outside "
                        + "the migration; roll back, or rediscover the function's triggers"));
        if (!target.newFunctionArn().equals(now.arn())) {
            put(rule, original.toBuilder().arn(target.newFunctionArn()).build());
        }
        return current.withShift(100, Notes.write(new EventBridgeNotes(permissionId, target.newFunctionArn())));
    }

    @Override
    public void restore(TriggerState current, ShiftTarget target, ResourceRecorder recorder) {
        RuleTarget rule = original(current.trigger());
        Target original = SdkPojoJson.fromTree(rule.target(), Target.builder());
        if (!currentTarget(rule, original.id()).filter(original::equals).isPresent()) {
            put(rule, original);
        }
        permissions.revoke(CreatedResources.permissionId(target.newFunctionArn(), statementId(rule, target)), recorder);
    }

    @Override
    public String describeShift(Trigger trigger, int percentOnNew, ShiftTarget target) {
        ShiftPercents.requireAllOrNothing(trigger, percentOnNew);
        RuleTarget rule = original(trigger);
        Target original = SdkPojoJson.fromTree(rule.target(), Target.builder());
        if (percentOnNew == 0) {
            return "EventBridge rule " + rule.ruleArn() + ": target " + original.id() + " invokes " + original.arn() + ".";
        }
        return "EventBridge rule " + rule.ruleArn() + ": allow the rule to invoke " + target.newFunctionArn()
                + ", then replace target " + original.id() + " in place (same Id, input and retry settings) so that "
                + "it invokes " + target.newFunctionArn() + " instead of " + original.arn() + ".";
    }

    private void put(RuleTarget rule, Target target) {
        PutTargetsResponse response = events.putTargets(request -> request.rule(rule.ruleName())
                .eventBusName(rule.eventBusName()).targets(target));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            var failure = response.failedEntries().get(0);
            throw new IllegalStateException("EventBridge refused target " + target.id() + " of rule " + rule.ruleArn()
                    + ": " + failure.errorCode() + " " + failure.errorMessage());
        }
    }

    private Optional<Target> currentTarget(RuleTarget rule, String targetId) {
        try {
            return targets(rule.eventBusName(), rule.ruleName()).stream()
                    .filter(candidate -> targetId.equals(candidate.id())).findFirst();
        } catch (ResourceNotFoundException ruleGone) {
            throw new ShiftRefusedException("rule " + rule.ruleArn() + " no longer exists: it was deleted outside "
                    + "the migration; recreate it or leave this trigger out");
        }
    }

    private List<Target> targets(String bus, String rule) {
        List<Target> targets = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListTargetsByRuleResponse page = events.listTargetsByRule(request -> request.rule(rule).eventBusName(bus)
                    .nextToken(next));
            targets.addAll(page.targets());
            token = page.nextToken();
        } while (token != null);
        return targets;
    }

    private List<String> eventBuses() {
        List<String> buses = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListEventBusesResponse page = events.listEventBuses(request -> request.nextToken(next));
            page.eventBuses().forEach(bus -> buses.add(bus.name()));
            token = page.nextToken();
        } while (token != null);
        return buses;
    }

    private List<String> ruleNamesTargeting(String functionArn, String bus) {
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListRuleNamesByTargetResponse page = events.listRuleNamesByTarget(request -> request.targetArn(functionArn)
                    .eventBusName(bus).nextToken(next));
            names.addAll(page.ruleNames());
            token = page.nextToken();
        } while (token != null);
        return names;
    }

    private static String statementId(RuleTarget rule, ShiftTarget target) {
        return StatementIds.of(target.operationId(), PURPOSE, rule.ruleArn());
    }

    private static RuleTarget original(Trigger trigger) {
        if (trigger.kind() != TriggerKind.EVENTBRIDGE_RULE) {
            throw new IllegalArgumentException("trigger " + trigger.id() + " is not an EventBridge rule target");
        }
        return Notes.require(trigger.original(), RuleTarget.class, "the original rule target of " + trigger.id());
    }

    /** A rule by bus and name, as a rule ARN names it: {@code rule/<name>} on the default bus, else {@code rule/<bus>/<name>}. */
    record RuleName(String bus, String name) {
        static Optional<RuleName> parse(String ruleArn) {
            int start = ruleArn.indexOf(":rule/");
            if (!ruleArn.startsWith("arn:") || start < 0 || ruleArn.contains("*") || ruleArn.contains("?")) {
                return Optional.empty();
            }
            String path = ruleArn.substring(start + ":rule/".length());
            int slash = path.indexOf('/');
            return Optional.of(slash < 0 ? new RuleName("default", path)
                    : new RuleName(path.substring(0, slash), path.substring(slash + 1)));
        }
    }
}

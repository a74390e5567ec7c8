package io.lmi.controlplane.aws.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.core.traffic.Trigger;
import io.lmi.controlplane.core.traffic.TriggerKind;
import io.lmi.controlplane.core.traffic.TriggerState;
import io.lmi.controlplane.local.AwsTarget;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

@ExtendWith(LocalAwsExtension.class)
class AlbShifterIntegrationTest {
    private static final String MULTI_VALUE_HEADERS = "lambda.multi_value_headers.enabled";

    private final TrafficClients aws;
    private Migration migration;
    private AlbShifter shifter;
    private String loadBalancerArn;
    private String targetGroupArn;
    private String listenerArn;
    private String ruleArn;
    private String otherTargetGroupArn;

    AlbShifterIntegrationTest(AwsTarget target) {
        this.aws = new TrafficClients(target);
    }

    @BeforeEach
    void loadBalancerForwardingToTheFunction() {
        migration = Migration.create(aws);
        shifter = new AlbShifter(aws.elb, aws.lambda);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String vpc = aws.ec2.createVpc(request -> request.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String subnetA = aws.ec2.createSubnet(request -> request.vpcId(vpc).cidrBlock("10.0.1.0/24")
                .availabilityZone("us-east-1a")).subnet().subnetId();
        String subnetB = aws.ec2.createSubnet(request -> request.vpcId(vpc).cidrBlock("10.0.2.0/24")
                .availabilityZone("us-east-1b")).subnet().subnetId();
        loadBalancerArn = aws.elb.createLoadBalancer(request -> request.name("orders-" + suffix)
                .subnets(subnetA, subnetB)).loadBalancers().get(0).loadBalancerArn();
        targetGroupArn = lambdaTargetGroup("orders-" + suffix, migration.originalAlias());
        aws.elb.modifyTargetGroupAttributes(request -> request.targetGroupArn(targetGroupArn)
                .attributes(attribute -> attribute.key(MULTI_VALUE_HEADERS).value("true")));
        aws.lambda.addPermission(request -> request.functionName(migration.originalName()).qualifier("prod")
                .statementId("alb").action("lambda:InvokeFunction").principal("elasticloadbalancing.amazonaws.com")
                .sourceArn(targetGroupArn));
        String unrelated = migration.unrelatedFunction(aws, "billing");
        otherTargetGroupArn = lambdaTargetGroup("billing-" + suffix, unrelated);
        listenerArn = aws.elb.createListener(request -> request.loadBalancerArn(loadBalancerArn).protocol(ProtocolEnum.HTTP)
                .port(80).defaultActions(action -> action.type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn)))
                .listeners().get(0).listenerArn();
        ruleArn = aws.elb.createRule(request -> request.listenerArn(listenerArn).priority(10)
                .conditions(condition -> condition.field("path-pattern").values("/orders/*"))
                .actions(action -> action.type(ActionTypeEnum.FORWARD).forwardConfig(forward -> forward
                        .targetGroups(group -> group.targetGroupArn(targetGroupArn).weight(1))
                        .targetGroupStickinessConfig(sticky -> sticky.enabled(true).durationSeconds(60)))))
                .rules().get(0).ruleArn();
        aws.elb.createRule(request -> request.listenerArn(listenerArn).priority(20)
                .conditions(condition -> condition.field("path-pattern").values("/billing/*"))
                .actions(action -> action.type(ActionTypeEnum.FORWARD).targetGroupArn(otherTargetGroupArn)));
    }

    @AfterEach
    void close() {
        aws.close();
    }

    @Test
    void discoversTheTargetGroupOfTheAliasWithTheDefaultActionAndTheRuleThatForwardToIt() {
        List<Trigger> triggers = shifter.discover(migration.originalTargets(aws));

        assertThat(triggers).singleElement().satisfies(trigger -> {
            assertThat(trigger.kind()).isEqualTo(TriggerKind.ALB);
            assertThat(trigger.id()).isEqualTo(targetGroupArn);
            assertThat(trigger.original().get("functionArn").asText()).isEqualTo(migration.originalAlias());
            assertThat(trigger.original().get("rules")).hasSize(2);
        });
    }

    @Test
    void stepsWeighTheOriginalAgainstANewLambdaTargetGroup() {
        Trigger trigger = onlyTrigger();
        ProbingRecorder recorder = new ProbingRecorder(aws);

        TriggerState tenPercent = shifter.shift(new TriggerState(trigger, 0, null), 10, migration.target(), recorder);

        String created = tenPercent.notes().get("newTargetGroupArn").asText();
        TargetGroup group = aws.elb.describeTargetGroups(request -> request.targetGroupArns(created)).targetGroups().get(0);
        assertThat(group.targetType()).isEqualTo(TargetTypeEnum.LAMBDA);
        assertThat(group.targetGroupName()).isEqualTo(tenPercent.notes().get("newTargetGroupName").asText());
        assertThat(registered(created)).containsExactly(migration.newAliasArn());
        assertThat(attributes(created)).containsEntry(MULTI_VALUE_HEADERS, "true");
        PolicyStatement grant = new FunctionPolicy(aws.lambda).statementsOf(migration.newAliasArn()).stream()
                .filter(s -> AlbShifter.PRINCIPAL.equals(s.principalService())).findFirst().orElseThrow();
        assertThat(grant.sourceArn()).isEqualTo(created);
        assertThat(weights(defaultActions())).isEqualTo(Map.of(targetGroupArn, 90, created, 10));
        assertThat(weights(ruleActions())).isEqualTo(Map.of(targetGroupArn, 90, created, 10));
        assertThat(ruleActions().get(0).forwardConfig().targetGroupStickinessConfig().durationSeconds()).isEqualTo(60);
        assertThat(recorder.creations()).extracting(ProbingRecorder.Event::type)
                .containsExactly(CreatedResources.TARGET_GROUP, CreatedResources.PERMISSION);
        assertThat(recorder.creations()).noneMatch(ProbingRecorder.Event::existed);

        TriggerState half = shifter.shift(tenPercent, 50, migration.target(), recorder);
        assertThat(weights(defaultActions())).isEqualTo(Map.of(targetGroupArn, 50, created, 50));

        TriggerState all = shifter.shift(half, 100, migration.target(), recorder);
        assertThat(weights(defaultActions())).isEqualTo(Map.of(targetGroupArn, 0, created, 100));
        assertThat(weights(ruleActions())).isEqualTo(Map.of(targetGroupArn, 0, created, 100));
        assertThat(all.notes().get("weightOnNew").asInt()).isEqualTo(100);
        assertThat(weights(actionsOf(otherRule()))).as("other rules untouched").isEqualTo(Map.of(otherTargetGroupArn, 1));
    }

    @Test
    void restoreFromAnyStepPutsBackTheListenerAndRulesAndRemovesTheNewTargetGroup() {
        for (int percent : new int[] {10, 100}) {
            Trigger trigger = onlyTrigger();
            List<Listener> listenersBefore = listeners();
            List<Rule> rulesBefore = rules();
            List<TargetGroup> groupsBefore = targetGroups();
            List<String> newPolicyBefore = sids(migration.newAliasArn());
            ProbingRecorder recorder = new ProbingRecorder(aws);
            TriggerState state = shifter.shift(new TriggerState(trigger, 0, null), 10, migration.target(), recorder);
            if (percent == 100) {
                state = shifter.shift(state, 100, migration.target(), recorder);
            }

            shifter.restore(state, migration.target(), recorder);

            assertThat(listeners()).as("after %d%%", percent).isEqualTo(listenersBefore);
            assertThat(rules()).isEqualTo(rulesBefore);
            assertThat(targetGroups()).isEqualTo(groupsBefore);
            assertThat(sids(migration.newAliasArn())).isEqualTo(newPolicyBefore);
            assertThat(recorder.outstanding()).isEmpty();
        }
    }

    @Test
    void repeatingAStepFindsItsTargetGroupAndPermission() {
        Trigger trigger = onlyTrigger();
        ProbingRecorder recorder = new ProbingRecorder(aws);
        TriggerState first = shifter.shift(new TriggerState(trigger, 0, null), 10, migration.target(), recorder);
        List<TargetGroup> groups = targetGroups();
        List<Listener> listeners = listeners();
        List<Rule> rules = rules();

        TriggerState again = shifter.shift(new TriggerState(trigger, 0, null), 10, migration.target(), recorder);

        assertThat(targetGroups()).isEqualTo(groups);
        assertThat(listeners()).isEqualTo(listeners);
        assertThat(rules()).isEqualTo(rules);
        assertThat(again.notes().get("newTargetGroupArn")).isEqualTo(first.notes().get("newTargetGroupArn"));
        assertThat(again.notes().get("rulesChanged")).isEmpty();
        assertThat(recorder.creations()).hasSize(2);
        assertThat(sids(migration.newAliasArn())).doesNotHaveDuplicates();
    }

    private Trigger onlyTrigger() {
        List<Trigger> triggers = shifter.discover(migration.originalTargets(aws));
        assertThat(triggers).hasSize(1);
        return triggers.get(0);
    }

    private String lambdaTargetGroup(String name, String functionArn) {
        String arn = aws.elb.createTargetGroup(request -> request.name(name).targetType(TargetTypeEnum.LAMBDA))
                .targetGroups().get(0).targetGroupArn();
        aws.elb.registerTargets(request -> request.targetGroupArn(arn).targets(target -> target.id(functionArn)));
        return arn;
    }

    private List<Listener> listeners() {
        return aws.elb.describeListeners(request -> request.loadBalancerArn(loadBalancerArn)).listeners();
    }

    private List<Rule> rules() {
        return aws.elb.describeRules(request -> request.listenerArn(listenerArn)).rules();
    }

    private List<TargetGroup> targetGroups() {
        return aws.elb.describeTargetGroups(request -> { }).targetGroups();
    }

    private List<Action> defaultActions() {
        return listeners().get(0).defaultActions();
    }

    private List<Action> ruleActions() {
        return rules().stream().filter(rule -> rule.ruleArn().equals(ruleArn)).findFirst().orElseThrow().actions();
    }

    private Rule otherRule() {
        return rules().stream().filter(rule -> "20".equals(rule.priority())).findFirst().orElseThrow();
    }

    private static List<Action> actionsOf(Rule rule) {
        return rule.actions();
    }

    private static Map<String, Integer> weights(List<Action> actions) {
        Action forward = actions.get(0);
        if (forward.forwardConfig() == null || !forward.forwardConfig().hasTargetGroups()) {
            return Map.of(forward.targetGroupArn(), 1);
        }
        return forward.forwardConfig().targetGroups().stream()
                .collect(Collectors.toMap(TargetGroupTuple::targetGroupArn, TargetGroupTuple::weight));
    }

    private List<String> registered(String group) {
        return aws.elb.describeTargetHealth(request -> request.targetGroupArn(group)).targetHealthDescriptions().stream()
                .map(description -> description.target().id()).toList();
    }

    private Map<String, String> attributes(String group) {
        return aws.elb.describeTargetGroupAttributes(request -> request.targetGroupArn(group)).attributes().stream()
                .collect(Collectors.toMap(attribute -> attribute.key(), attribute -> attribute.value()));
    }

    private List<String> sids(String functionArn) {
        return new FunctionPolicy(aws.lambda).statementsOf(functionArn).stream()
                .filter(statement -> functionArn.equals(statement.resource())).map(PolicyStatement::sid).toList();
    }
}

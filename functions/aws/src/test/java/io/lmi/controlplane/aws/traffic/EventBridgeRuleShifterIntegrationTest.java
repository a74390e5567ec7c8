package io.lmi.controlplane.aws.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lmi.controlplane.core.traffic.Trigger;
import io.lmi.controlplane.core.traffic.TriggerKind;
import io.lmi.controlplane.core.traffic.TriggerState;
import io.lmi.controlplane.local.AwsTarget;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.eventbridge.model.Target;

@ExtendWith(LocalAwsExtension.class)
class EventBridgeRuleShifterIntegrationTest {
    private final TrafficClients aws;
    private Migration migration;
    private EventBridgeRuleShifter shifter;
    private String bus;
    private String scheduleRuleArn;
    private String patternRuleArn;

    EventBridgeRuleShifterIntegrationTest(AwsTarget target) {
        this.aws = new TrafficClients(target);
    }

    @BeforeEach
    void rulesOnTwoBuses() {
        migration = Migration.create(aws);
        shifter = new EventBridgeRuleShifter(aws.events, aws.lambda);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        scheduleRuleArn = aws.events.putRule(request -> request.name("nightly-" + suffix)
                .scheduleExpression("rate(1 hour)")).ruleArn();
        aws.events.putTargets(request -> request.rule("nightly-" + suffix).targets(
                Target.builder().id("orders").arn(migration.originalArn()).input("{\"job\":\"nightly\"}")
                        .retryPolicy(retry -> retry.maximumRetryAttempts(4).maximumEventAgeInSeconds(900))
                        .deadLetterConfig(dlq -> dlq.arn("arn:aws:sqs:us-east-1:123456789012:orders-dlq")).build(),
                Target.builder().id("audit").arn("arn:aws:sqs:us-east-1:123456789012:audit").build()));
        aws.lambda.addPermission(request -> request.functionName(migration.originalName()).statementId("nightly")
                .action("lambda:InvokeFunction").principal("events.amazonaws.com").sourceArn(scheduleRuleArn));
        bus = "orders-bus-" + suffix;
        aws.events.createEventBus(request -> request.name(bus));
        patternRuleArn = aws.events.putRule(request -> request.name("placed-" + suffix).eventBusName(bus)
                .eventPattern("{\"detail-type\":[\"OrderPlaced\"]}")).ruleArn();
        aws.events.putTargets(request -> request.rule("placed-" + suffix).eventBusName(bus).targets(
                Target.builder().id("prod-alias").arn(migration.originalAlias())
                        .inputTransformer(transform -> transform.inputPathsMap(java.util.Map.of("id", "$.detail.id"))
                                .inputTemplate("{\"order\":<id>}")).build()));
    }

    @AfterEach
    void close() {
        aws.close();
    }

    @Test
    void discoversTargetsOnEveryBusAndNotOtherFunctionsTargets() {
        String unrelated = migration.unrelatedFunction(aws, "billing");
        String billing = "billing-" + UUID.randomUUID();
        aws.events.putRule(request -> request.name(billing).scheduleExpression("rate(1 day)"));
        aws.events.putTargets(request -> request.rule(billing).targets(target -> target.id("billing").arn(unrelated)));

        List<Trigger> triggers = shifter.discover(migration.originalTargets(aws));

        assertThat(triggers).extracting(Trigger::kind).containsOnly(TriggerKind.EVENTBRIDGE_RULE);
        assertThat(triggers).extracting(Trigger::id).containsExactlyInAnyOrder(
                scheduleRuleArn + "|orders", patternRuleArn + "|prod-alias");
        assertThat(triggers).extracting(Trigger::id).noneMatch(id -> id.contains(unrelated));
    }

    @Test
    void cutOverReplacesTheTargetInPlaceAndRestorePutsTheRuleBackExactly() {
        for (Trigger trigger : shifter.discover(migration.originalTargets(aws))) {
            RuleRef rule = RuleRef.of(trigger);
            List<Target> before = targets(rule);
            List<String> newPolicyBefore = sids(migration.newAliasArn());
            ProbingRecorder recorder = new ProbingRecorder(aws);

            TriggerState moved = shifter.shift(new TriggerState(trigger, 0, null), 100, migration.target(), recorder);

            List<Target> after = targets(rule);
            assertThat(after).hasSameSizeAs(before);
            Target replaced = after.stream().filter(t -> t.id().equals(rule.targetId())).findFirst().orElseThrow();
            Target original = before.stream().filter(t -> t.id().equals(rule.targetId())).findFirst().orElseThrow();
            assertThat(replaced.arn()).isEqualTo(migration.newAliasArn());
            assertThat(replaced.toBuilder().arn(original.arn()).build()).as("only the ARN changes").isEqualTo(original);
            assertThat(after).filteredOn(t -> !t.id().equals(rule.targetId()))
                    .containsExactlyElementsOf(before.stream().filter(t -> !t.id().equals(rule.targetId())).toList());
            PolicyStatement grant = new FunctionPolicy(aws.lambda).statementsOf(migration.newAliasArn()).stream()
                    .filter(s -> s.sid().equals(moved.notes().get("permissionId").asText().split("\\|")[1]))
                    .findFirst().orElseThrow();
            assertThat(grant.principalService()).isEqualTo("events.amazonaws.com");
            assertThat(grant.sourceArn()).isEqualTo(rule.ruleArn());
            assertThat(grant.resource()).isEqualTo(migration.newAliasArn());
            assertThat(recorder.creations()).singleElement().satisfies(event -> {
                assertThat(event.type()).isEqualTo(CreatedResources.PERMISSION);
                assertThat(event.existed()).isFalse();
            });

            shifter.restore(moved, migration.target(), recorder);

            assertThat(targets(rule)).isEqualTo(before);
            assertThat(sids(migration.newAliasArn())).isEqualTo(newPolicyBefore);
            assertThat(recorder.outstanding()).isEmpty();
        }
    }

    @Test
    void repeatingTheCutOverAddsNoSecondPermissionOrTarget() {
        Trigger trigger = shifter.discover(migration.originalTargets(aws)).get(0);
        RuleRef rule = RuleRef.of(trigger);
        ProbingRecorder recorder = new ProbingRecorder(aws);
        TriggerState first = shifter.shift(new TriggerState(trigger, 0, null), 100, migration.target(), recorder);
        List<Target> once = targets(rule);
        List<String> sidsOnce = sids(migration.newAliasArn());

        TriggerState again = shifter.shift(new TriggerState(trigger, 0, null), 100, migration.target(), recorder);

        assertThat(targets(rule)).isEqualTo(once);
        assertThat(sids(migration.newAliasArn())).isEqualTo(sidsOnce).doesNotHaveDuplicates();
        assertThat(again.notes()).isEqualTo(first.notes());
        assertThat(recorder.creations()).hasSize(1);
    }

    @Test
    void aTargetRemovedOutsideTheMigrationIsReported() {
        Trigger trigger = shifter.discover(migration.originalTargets(aws)).get(0);
        RuleRef rule = RuleRef.of(trigger);
        aws.events.removeTargets(request -> request.rule(rule.name()).eventBusName(rule.bus()).ids(rule.targetId()));

        assertThatThrownBy(() -> shifter.shift(new TriggerState(trigger, 0, null), 100, migration.target(),
                new ProbingRecorder(aws)))
                .isInstanceOf(ShiftRefusedException.class).hasMessageContaining(rule.targetId());
        assertThat(shifter.describeShift(trigger, 100, migration.target()))
                .contains(rule.ruleArn(), migration.newAliasArn(), "same Id");
    }

    private List<Target> targets(RuleRef rule) {
        return aws.events.listTargetsByRule(request -> request.rule(rule.name()).eventBusName(rule.bus())).targets();
    }

    private List<String> sids(String functionArn) {
        return new FunctionPolicy(aws.lambda).statementsOf(functionArn).stream()
                .filter(statement -> functionArn.equals(statement.resource())).map(PolicyStatement::sid).toList();
    }

    private record RuleRef(String ruleArn, String bus, String name, String targetId) {
        static RuleRef of(Trigger trigger) {
            String ruleArn = trigger.original().get("ruleArn").asText();
            return new RuleRef(ruleArn, trigger.original().get("eventBusName").asText(),
                    trigger.original().get("ruleName").asText(), trigger.original().get("target").get("Id").asText());
        }
    }
}

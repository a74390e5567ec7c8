package io.lmi.controlplane.aws.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.core.traffic.Trigger;
import io.lmi.controlplane.core.traffic.TriggerKind;
import io.lmi.controlplane.core.traffic.TriggerState;
import io.lmi.controlplane.local.AwsTarget;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sns.model.Subscription;

@ExtendWith(LocalAwsExtension.class)
class SnsShifterIntegrationTest {
    private static final String FILTER = "{\"type\":[\"order\"]}";
    private static final String REDRIVE = "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:123456789012:orders-dlq\"}";

    private final TrafficClients aws;
    private Migration migration;
    private SnsShifter shifter;
    private String topicArn;
    private String subscriptionArn;

    SnsShifterIntegrationTest(AwsTarget target) {
        this.aws = new TrafficClients(target);
    }

    @BeforeEach
    void subscriptionWithFilterAndRedrive() {
        migration = Migration.create(aws);
        shifter = new SnsShifter(aws.sns, aws.lambda, Clock.systemUTC());
        topicArn = aws.sns.createTopic(request -> request.name("orders-" + UUID.randomUUID().toString().substring(0, 8)))
                .topicArn();
        subscriptionArn = aws.sns.subscribe(request -> request.topicArn(topicArn).protocol("lambda")
                .endpoint(migration.originalAlias()).returnSubscriptionArn(true).attributes(Map.of(
                        "FilterPolicy", FILTER, "FilterPolicyScope", "MessageBody", "RedrivePolicy", REDRIVE)))
                .subscriptionArn();
        aws.sns.subscribe(request -> request.topicArn(topicArn).protocol("sqs")
                .endpoint("arn:aws:sqs:us-east-1:123456789012:orders-archive"));
    }

    @AfterEach
    void close() {
        aws.close();
    }

    @Test
    void discoversTheLambdaSubscriptionOfTheAliasWithItsDeliverySettings() {
        String unrelated = migration.unrelatedFunction(aws, "billing");
        aws.sns.subscribe(request -> request.topicArn(topicArn).protocol("lambda").endpoint(unrelated));

        List<Trigger> triggers = shifter.discover(migration.originalTargets(aws));

        assertThat(triggers).singleElement().satisfies(trigger -> {
            assertThat(trigger.kind()).isEqualTo(TriggerKind.SNS);
            assertThat(trigger.id()).isEqualTo(subscriptionArn);
            assertThat(trigger.source()).isEqualTo(topicArn);
            assertThat(trigger.original().get("attributes").get("FilterPolicy").asText()).isEqualTo(FILTER);
            assertThat(trigger.original().get("attributes").get("RedrivePolicy").asText()).isEqualTo(REDRIVE);
        });
    }

    @Test
    void cutOverSubscribesTheNewAliasFirstThenRemovesTheOriginalAndKeepsTheWindow() {
        Trigger trigger = onlyTrigger();
        Map<String, String> originalSettings = delivery(subscriptionArn);
        ProbingRecorder recorder = new ProbingRecorder(aws);
        Instant before = Instant.now();

        TriggerState moved = shifter.shift(new TriggerState(trigger, 0, null), 100, migration.target(), recorder);

        List<Subscription> lambdaSubscriptions = lambdaSubscriptions();
        assertThat(lambdaSubscriptions).singleElement().satisfies(subscription -> {
            assertThat(subscription.endpoint()).isEqualTo(migration.newAliasArn());
            assertThat(subscription.subscriptionArn()).isEqualTo(moved.notes().get("newSubscriptionArn").asText());
            assertThat(delivery(subscription.subscriptionArn())).isEqualTo(originalSettings);
        });
        Instant start = Instant.parse(moved.notes().get("overlapStart").asText());
        Instant end = Instant.parse(moved.notes().get("overlapEnd").asText());
        assertThat(start).isAfterOrEqualTo(before.minusMillis(1)).isBeforeOrEqualTo(end);
        assertThat(moved.notes().get("overlapStartExact").asBoolean()).isTrue();
        assertThat(recorder.creations()).extracting(ProbingRecorder.Event::type)
                .containsExactly(CreatedResources.PERMISSION, CreatedResources.SUBSCRIPTION);
        assertThat(recorder.creations()).noneMatch(ProbingRecorder.Event::existed);
        assertThat(shifter.describeShift(trigger, 100, migration.target())).contains("may reach both", "none is lost");
    }

    @Test
    void restoreSubscribesTheOriginalEndpointAgainWithItsSettingsAndRemovesWhatTheShiftMade() {
        Trigger trigger = onlyTrigger();
        Map<String, String> originalSettings = delivery(subscriptionArn);
        List<String> newPolicyBefore = sids(migration.newAliasArn());
        ProbingRecorder recorder = new ProbingRecorder(aws);
        TriggerState moved = shifter.shift(new TriggerState(trigger, 0, null), 100, migration.target(), recorder);

        shifter.restore(moved, migration.target(), recorder);

        assertThat(lambdaSubscriptions()).singleElement().satisfies(subscription -> {
            assertThat(subscription.endpoint()).isEqualTo(migration.originalAlias());
            // SNS names a new subscription anew; topic, endpoint and delivery settings are the original's.
            assertThat(delivery(subscription.subscriptionArn())).isEqualTo(originalSettings);
        });
        assertThat(aws.sns.listSubscriptionsByTopic(request -> request.topicArn(topicArn)).subscriptions())
                .filteredOn(subscription -> subscription.protocol().equals("sqs")).hasSize(1);
        assertThat(sids(migration.newAliasArn())).isEqualTo(newPolicyBefore);
        assertThat(recorder.outstanding()).isEmpty();
    }

    @Test
    void aRetriedCutOverFindsItsSubscriptionAndSaysTheWindowBeganEarlier() {
        Trigger trigger = onlyTrigger();
        ProbingRecorder recorder = new ProbingRecorder(aws);
        TriggerState first = shifter.shift(new TriggerState(trigger, 0, null), 100, migration.target(), recorder);

        TriggerState again = shifter.shift(new TriggerState(trigger, 0, null), 100, migration.target(), recorder);

        assertThat(lambdaSubscriptions()).hasSize(1);
        assertThat(again.notes().get("newSubscriptionArn")).isEqualTo(first.notes().get("newSubscriptionArn"));
        assertThat(again.notes().get("overlapStartExact").asBoolean()).isFalse();
        assertThat(recorder.creations()).hasSize(2);
        assertThat(sids(migration.newAliasArn())).doesNotHaveDuplicates();
    }

    @Test
    void aCrashBetweenSubscribingAndUnsubscribingIsFinishedByTheRetry() {
        Trigger trigger = onlyTrigger();
        aws.sns.subscribe(request -> request.topicArn(topicArn).protocol("lambda").endpoint(migration.newAliasArn())
                .attributes(Map.of("FilterPolicy", FILTER, "FilterPolicyScope", "MessageBody", "RedrivePolicy", REDRIVE)));

        TriggerState moved = shifter.shift(new TriggerState(trigger, 0, null), 100, migration.target(),
                new ProbingRecorder(aws));

        assertThat(lambdaSubscriptions()).extracting(Subscription::endpoint).containsExactly(migration.newAliasArn());
        assertThat(moved.notes().get("overlapStartExact").asBoolean()).isFalse();
    }

    @Test
    void beforeTheCutOverNothingChanges() {
        Trigger trigger = onlyTrigger();
        ProbingRecorder recorder = new ProbingRecorder(aws);

        TriggerState waiting = shifter.shift(new TriggerState(trigger, 0, null), 0, migration.target(), recorder);

        assertThat(waiting.percentOnNew()).isZero();
        assertThat(lambdaSubscriptions()).extracting(Subscription::subscriptionArn).containsExactly(subscriptionArn);
        assertThat(recorder.events()).isEmpty();
    }

    private Trigger onlyTrigger() {
        List<Trigger> triggers = shifter.discover(migration.originalTargets(aws));
        assertThat(triggers).hasSize(1);
        return triggers.get(0);
    }

    private List<Subscription> lambdaSubscriptions() {
        return aws.sns.listSubscriptionsByTopic(request -> request.topicArn(topicArn)).subscriptions().stream()
                .filter(subscription -> subscription.protocol().equals("lambda")).toList();
    }

    /** A subscription's attributes without those that name it. */
    private Map<String, String> delivery(String arn) {
        Map<String, String> attributes = new HashMap<>(aws.sns.getSubscriptionAttributes(request ->
                request.subscriptionArn(arn)).attributes());
        attributes.remove("SubscriptionArn");
        attributes.remove("Endpoint");
        return attributes;
    }

    private List<String> sids(String functionArn) {
        return new FunctionPolicy(aws.lambda).statementsOf(functionArn).stream()
                .filter(statement -> functionArn.equals(statement.resource())).map(PolicyStatement::sid).toList();
    }
}

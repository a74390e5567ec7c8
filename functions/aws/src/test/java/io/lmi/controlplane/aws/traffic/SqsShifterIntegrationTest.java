package io.lmi.controlplane.aws.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lmi.controlplane.core.traffic.Trigger;
import io.lmi.controlplane.core.traffic.TriggerKind;
import io.lmi.controlplane.core.traffic.TriggerState;
import io.lmi.controlplane.core.validation.InvalidRequestException;
import io.lmi.controlplane.local.AwsTarget;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@ExtendWith(LocalAwsExtension.class)
class SqsShifterIntegrationTest {
    private final TrafficClients aws;
    private Migration migration;
    private SqsShifter shifter;
    private String queueArn;
    private String originalUuid;

    SqsShifterIntegrationTest(AwsTarget target) {
        this.aws = new TrafficClients(target);
    }

    @BeforeEach
    void originalMappingOnTheAlias() {
        migration = Migration.create(aws);
        shifter = new SqsShifter(aws.lambda, SqsConcurrencySplit.withDefaults());
        queueArn = queue("orders");
        originalUuid = aws.lambda.createEventSourceMapping(request -> request.eventSourceArn(queueArn)
                .functionName(migration.originalAlias()).batchSize(5).maximumBatchingWindowInSeconds(3)
                .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)
                .filterCriteria(filter -> filter.filters(pattern -> pattern.pattern("{\"body\":{\"type\":[\"order\"]}}")))
                .scalingConfig(scaling -> scaling.maximumConcurrency(10))).uuid();
    }

    @AfterEach
    void close() {
        aws.close();
    }

    @Test
    void discoversTheMappingOfTheFunctionsAliasAndNotOthers() {
        String unrelated = migration.unrelatedFunction(aws, "billing");
        String otherQueue = queue("billing");
        aws.lambda.createEventSourceMapping(request -> request.eventSourceArn(otherQueue).functionName(unrelated));

        List<Trigger> triggers = shifter.discover(migration.originalTargets(aws));

        assertThat(triggers).singleElement().satisfies(trigger -> {
            assertThat(trigger.kind()).isEqualTo(TriggerKind.SQS);
            assertThat(trigger.id()).isEqualTo(originalUuid);
            assertThat(trigger.source()).isEqualTo(queueArn);
        });
    }

    @Test
    void stepsShareMaximumConcurrencyAndTheLastDisablesTheOriginal() {
        Trigger trigger = onlyTrigger();
        ProbingRecorder recorder = new ProbingRecorder(aws);

        TriggerState tenPercent = shifter.shift(new TriggerState(trigger, 0, null), 10, migration.target(), recorder);

        EventSourceMappingConfiguration created = newMapping();
        assertThat(created.functionArn()).isEqualTo(migration.newAliasArn());
        assertThat(created.scalingConfig().maximumConcurrency()).isEqualTo(2);
        assertThat(created.batchSize()).isEqualTo(5);
        assertThat(created.maximumBatchingWindowInSeconds()).isEqualTo(3);
        assertThat(created.functionResponseTypes()).containsExactly(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES);
        assertThat(created.filterCriteria()).isEqualTo(mapping(originalUuid).filterCriteria());
        assertThat(created.state()).isEqualTo("Enabled");
        assertThat(mapping(originalUuid).scalingConfig().maximumConcurrency()).isEqualTo(8);
        assertThat(tenPercent.notes().get("newMappingUuid").asText()).isEqualTo(created.uuid());
        assertThat(tenPercent.notes().get("totalMaximumConcurrency").asInt()).isEqualTo(10);

        TriggerState half = shifter.shift(tenPercent, 50, migration.target(), recorder);
        assertThat(newMapping().scalingConfig().maximumConcurrency()).isEqualTo(5);
        assertThat(mapping(originalUuid).scalingConfig().maximumConcurrency()).isEqualTo(5);

        TriggerState all = shifter.shift(half, 100, migration.target(), recorder);
        assertThat(newMapping().scalingConfig().maximumConcurrency()).isEqualTo(10);
        assertThat(newMapping().state()).isEqualTo("Enabled");
        EventSourceMappingConfiguration original = mapping(originalUuid);
        assertThat(original.state()).isEqualTo("Disabled");
        assertThat(original.scalingConfig().maximumConcurrency()).isEqualTo(10);
        assertThat(all.percentOnNew()).isEqualTo(100);
        assertThat(all.notes().get("originalEnabled").asBoolean()).isFalse();
        assertThat(aws.lambda.listEventSourceMappings(request -> request.eventSourceArn(queueArn))
                .eventSourceMappings()).hasSize(2);
    }

    @Test
    void restoreFromAnyStepReturnsTheQueueToItsDiscoveredMappings() {
        for (int percent : new int[] {10, 50, 100}) {
            Trigger trigger = onlyTrigger();
            List<EventSourceMappingConfiguration> before = mappingsOnQueue();
            ProbingRecorder recorder = new ProbingRecorder(aws);
            TriggerState state = new TriggerState(trigger, 0, null);
            for (int step : new int[] {10, 50, 100}) {
                if (step <= percent) {
                    state = shifter.shift(state, step, migration.target(), recorder);
                }
            }

            shifter.restore(state, migration.target(), recorder);

            assertThat(mappingsOnQueue()).as("after restoring from %d%%", percent).isEqualTo(before);
            assertThat(recorder.outstanding()).isEmpty();
        }
    }

    @Test
    void anOriginalWithoutMaximumConcurrencyIsSharedFromTheDefaultAndGetsNoneBack() {
        aws.lambda.updateEventSourceMapping(request -> request.uuid(originalUuid).scalingConfig(scaling -> { }));
        Trigger trigger = onlyTrigger();
        List<EventSourceMappingConfiguration> before = mappingsOnQueue();
        ProbingRecorder recorder = new ProbingRecorder(aws);

        TriggerState state = shifter.shift(new TriggerState(trigger, 0, null), 10, migration.target(), recorder);
        assertThat(newMapping().scalingConfig().maximumConcurrency()).isEqualTo(100);
        assertThat(mapping(originalUuid).scalingConfig().maximumConcurrency()).isEqualTo(900);

        state = shifter.shift(state, 100, migration.target(), recorder);
        assertThat(maximumConcurrency(newMapping())).isNull();

        shifter.restore(state, migration.target(), recorder);
        assertThat(mappingsOnQueue()).isEqualTo(before);
    }

    @Test
    void repeatingAStepConvergesWithoutASecondMapping() {
        Trigger trigger = onlyTrigger();
        ProbingRecorder recorder = new ProbingRecorder(aws);
        TriggerState first = shifter.shift(new TriggerState(trigger, 0, null), 10, migration.target(), recorder);
        List<EventSourceMappingConfiguration> afterFirst = mappingsOnQueue();

        // A retry after a crash has only the state from before the step.
        TriggerState again = shifter.shift(new TriggerState(trigger, 0, null), 10, migration.target(), recorder);

        assertThat(mappingsOnQueue()).isEqualTo(afterFirst).hasSize(2);
        assertThat(again.notes()).isEqualTo(first.notes());
        assertThat(recorder.creations()).hasSize(1);
    }

    @Test
    void aCrashAfterTheNewMappingWasMadeIsFinishedByTheRetry() {
        Trigger trigger = onlyTrigger();
        // The step created the mapping (with its first settings) and stopped before lowering the original's share.
        aws.lambda.createEventSourceMapping(request -> request.eventSourceArn(queueArn)
                .functionName(migration.newAliasArn()).batchSize(5).scalingConfig(scaling -> scaling.maximumConcurrency(2)));

        shifter.shift(new TriggerState(trigger, 0, null), 10, migration.target(), new ProbingRecorder(aws));

        assertThat(mappingsOnQueue()).hasSize(2);
        assertThat(newMapping().scalingConfig().maximumConcurrency()).isEqualTo(2);
        assertThat(mapping(originalUuid).scalingConfig().maximumConcurrency()).isEqualTo(8);
    }

    @Test
    void theRecorderHearsOfTheMappingBeforeItExists() {
        ProbingRecorder recorder = new ProbingRecorder(aws);
        TriggerState state = shifter.shift(new TriggerState(onlyTrigger(), 0, null), 10, migration.target(), recorder);

        assertThat(recorder.creations()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(CreatedResources.EVENT_SOURCE_MAPPING);
            assertThat(event.id()).isEqualTo(CreatedResources.mappingId(queueArn, migration.newAliasArn()));
            assertThat(event.owner()).isEqualTo(migration.newName());
            assertThat(event.existed()).isFalse();
            assertThat(recorder.exists(event.type(), event.id())).isTrue();
        });

        shifter.restore(state, migration.target(), recorder);
        assertThat(recorder.events()).last().satisfies(event -> {
            assertThat(event.action()).isEqualTo("deleted");
            assertThat(event.existed()).isFalse();
        });
    }

    @Test
    void describesTheSplitAndRefusesPercentagesOutOfRange() {
        Trigger trigger = onlyTrigger();

        assertThat(shifter.describeShift(trigger, 10, migration.target()))
                .contains("MaximumConcurrency 2", "keeps 8", "approximate");
        assertThat(shifter.describeShift(trigger, 100, migration.target())).contains("disabled");
        assertThatThrownBy(() -> shifter.shift(new TriggerState(trigger, 0, null), 101, migration.target(),
                new ProbingRecorder(aws)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("percentOnNew");
    }

    private Trigger onlyTrigger() {
        List<Trigger> triggers = shifter.discover(migration.originalTargets(aws));
        assertThat(triggers).hasSize(1);
        return triggers.get(0);
    }

    private EventSourceMappingConfiguration newMapping() {
        return mappingsOnQueue().stream().filter(m -> m.functionArn().equals(migration.newAliasArn()))
                .reduce((a, b) -> {
                    throw new AssertionError("two mappings of the new function on " + queueArn);
                }).orElseThrow();
    }

    private EventSourceMappingConfiguration mapping(String uuid) {
        return mappingsOnQueue().stream().filter(m -> m.uuid().equals(uuid)).findFirst().orElseThrow();
    }

    /** The queue's mappings as ListEventSourceMappings describes them, without the time of the last change. */
    private List<EventSourceMappingConfiguration> mappingsOnQueue() {
        return aws.lambda.listEventSourceMappings(request -> request.eventSourceArn(queueArn)).eventSourceMappings()
                .stream().map(SqsShifterIntegrationTest::comparable).toList();
    }

    static EventSourceMappingConfiguration comparable(EventSourceMappingConfiguration mapping) {
        // An empty ScalingConfig is how the setting is removed; it reads back as unset.
        boolean noScaling = mapping.scalingConfig() == null || mapping.scalingConfig().maximumConcurrency() == null;
        return mapping.toBuilder().lastModified(null).scalingConfig(noScaling ? null : mapping.scalingConfig()).build();
    }

    private static Integer maximumConcurrency(EventSourceMappingConfiguration mapping) {
        return mapping.scalingConfig() == null ? null : mapping.scalingConfig().maximumConcurrency();
    }

    private String queue(String name) {
        String url = aws.sqs.createQueue(request -> request.queueName(name + "-" + UUID.randomUUID().toString()
                .substring(0, 8))).queueUrl();
        return aws.sqs.getQueueAttributes(request -> request.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }
}

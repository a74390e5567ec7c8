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
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;

@ExtendWith(LocalAwsExtension.class)
class StreamShifterIntegrationTest {
    private final TrafficClients aws;
    private Migration migration;
    private StreamShifter shifter;
    private String kinesisMapping;
    private String dynamoMapping;

    StreamShifterIntegrationTest(AwsTarget target) {
        this.aws = new TrafficClients(target);
    }

    @BeforeEach
    void mappingsOnAStreamAndATableStream() {
        migration = Migration.create(aws);
        shifter = new StreamShifter(aws.lambda);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        aws.kinesis.createStream(request -> request.streamName("clicks-" + suffix).shardCount(2));
        String streamArn = aws.kinesis.describeStream(request -> request.streamName("clicks-" + suffix))
                .streamDescription().streamARN();
        kinesisMapping = aws.lambda.createEventSourceMapping(request -> request.eventSourceArn(streamArn)
                .functionName(migration.originalArn()).startingPosition(EventSourcePosition.TRIM_HORIZON)
                .batchSize(200).parallelizationFactor(2).bisectBatchOnFunctionError(true).maximumRetryAttempts(3))
                .uuid();
        String tableStream = aws.dynamo.createTable(request -> request.tableName("carts-" + suffix)
                .keySchema(key -> key.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(attribute -> attribute.attributeName("id").attributeType(ScalarAttributeType.S))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(stream -> stream.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)))
                .tableDescription().latestStreamArn();
        dynamoMapping = aws.lambda.createEventSourceMapping(request -> request.eventSourceArn(tableStream)
                .functionName(migration.originalAlias()).startingPosition(EventSourcePosition.LATEST)).uuid();
    }

    @AfterEach
    void close() {
        aws.close();
    }

    @Test
    void discoversKinesisAndDynamoDbStreamMappingsOfTheFunctionAndItsAlias() {
        String unrelated = migration.unrelatedFunction(aws, "audit");
        String other = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        aws.kinesis.createStream(request -> request.streamName(other).shardCount(1));
        String otherArn = aws.kinesis.describeStream(request -> request.streamName(other)).streamDescription().streamARN();
        aws.lambda.createEventSourceMapping(request -> request.eventSourceArn(otherArn).functionName(unrelated)
                .startingPosition(EventSourcePosition.LATEST));

        List<Trigger> triggers = shifter.discover(migration.originalTargets(aws));

        assertThat(triggers).extracting(Trigger::kind, Trigger::id).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(TriggerKind.KINESIS, kinesisMapping),
                org.assertj.core.groups.Tuple.tuple(TriggerKind.DYNAMODB_STREAM, dynamoMapping));
    }

    @Test
    void cutOverMovesTheSameMappingAndRestorePutsItBackExactly() {
        for (Trigger trigger : shifter.discover(migration.originalTargets(aws))) {
            EventSourceMappingConfiguration before = mapping(trigger.id());
            ProbingRecorder recorder = new ProbingRecorder(aws);

            TriggerState moved = shifter.shift(new TriggerState(trigger, 0, null), 100, migration.target(), recorder);

            EventSourceMappingConfiguration after = mapping(trigger.id());
            assertThat(after.uuid()).isEqualTo(before.uuid());
            assertThat(after.functionArn()).isEqualTo(migration.newAliasArn());
            assertThat(after.toBuilder().functionArn(before.functionArn()).build())
                    .as("everything but the function is kept").isEqualTo(before);
            assertThat(moved.notes().get("mappingUuid").asText()).isEqualTo(trigger.id());
            assertThat(moved.notes().get("functionArn").asText()).isEqualTo(migration.newAliasArn());
            assertThat(recorder.events()).as("a cut-over creates nothing").isEmpty();

            shifter.restore(moved, migration.target(), recorder);

            assertThat(mapping(trigger.id())).isEqualTo(before);
        }
    }

    @Test
    void beforeTheCutOverNothingMovesAndRepeatingTheCutOverChangesNothing() {
        Trigger trigger = shifter.discover(migration.originalTargets(aws)).get(0);
        EventSourceMappingConfiguration before = mapping(trigger.id());
        ProbingRecorder recorder = new ProbingRecorder(aws);

        TriggerState waiting = shifter.shift(new TriggerState(trigger, 0, null), 0, migration.target(), recorder);
        assertThat(mapping(trigger.id())).isEqualTo(before);

        TriggerState moved = shifter.shift(waiting, 100, migration.target(), recorder);
        EventSourceMappingConfiguration once = mapping(trigger.id());
        TriggerState again = shifter.shift(new TriggerState(trigger, 0, null), 100, migration.target(), recorder);

        assertThat(mapping(trigger.id())).isEqualTo(once);
        assertThat(again.notes()).isEqualTo(moved.notes());
        assertThat(aws.lambda.listEventSourceMappings(request -> request.eventSourceArn(before.eventSourceArn()))
                .eventSourceMappings()).hasSize(1);
    }

    @Test
    void aStreamCannotBeSplitByPercentage() {
        Trigger trigger = shifter.discover(migration.originalTargets(aws)).get(0);

        assertThatThrownBy(() -> shifter.shift(new TriggerState(trigger, 0, null), 50, migration.target(),
                new ProbingRecorder(aws)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("percentOnNew").hasMessageContaining("all at once");
        assertThat(shifter.describeShift(trigger, 100, migration.target()))
                .contains(trigger.id(), migration.newAliasArn(), "checkpoints");
    }

    @Test
    void aMappingDeletedOutsideTheMigrationIsReportedNotRecreated() {
        Trigger trigger = shifter.discover(migration.originalTargets(aws)).get(0);
        aws.lambda.deleteEventSourceMapping(request -> request.uuid(trigger.id()));

        assertThatThrownBy(() -> shifter.shift(new TriggerState(trigger, 0, null), 100, migration.target(),
                new ProbingRecorder(aws)))
                .isInstanceOf(ShiftRefusedException.class).hasMessageContaining(trigger.id());
    }

    private EventSourceMappingConfiguration mapping(String uuid) {
        var response = aws.lambda.getEventSourceMapping(request -> request.uuid(uuid));
        EventSourceMappingConfiguration mapping = SdkPojoJson.fromTree(SdkPojoJson.toTree(response),
                EventSourceMappingConfiguration.builder());
        return mapping.toBuilder().lastModified(null).build();
    }
}

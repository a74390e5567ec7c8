package io.lmi.controlplane.functions.assess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lmi.controlplane.runtime.ControlPlane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A control plane's bus and ledger in the local AWS, as template.yaml makes them (the ledger's key design is
 * LedgerTable's), with a queue subscribed to every event on the bus so tests can read what was delivered.
 */
final class ControlPlaneFixture implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final String table;
    final String bus;
    final ControlPlane controlPlane;
    private final DynamoDbClient dynamo;
    private final EventBridgeClient events;
    private final SqsClient sqs;
    private final String queueUrl;
    private final List<JsonNode> seen = new ArrayList<>();

    ControlPlaneFixture(SeededAccount account) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        dynamo = account.clients.configure(DynamoDbClient.builder()).build();
        events = account.clients.configure(EventBridgeClient.builder()).build();
        sqs = account.sqs;
        table = "ledger-" + suffix;
        bus = "lmi-test-" + suffix + "-bus";
        dynamo.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk"), attribute("sk"), attribute("gsi1pk"), attribute("gsi1sk"),
                        attribute("gsi2pk"), attribute("gsi2sk"))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(index("by-function", "gsi1pk", "gsi1sk"), index("active", "gsi2pk", "gsi2sk")));
        events.createEventBus(r -> r.name(bus));
        queueUrl = sqs.createQueue(r -> r.queueName("events-" + suffix)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        events.putRule(r -> r.name("all-" + suffix).eventBusName(bus)
                .eventPattern("{\"source\": [\"lmi.control-plane\"]}"));
        events.putTargets(r -> r.rule("all-" + suffix).eventBusName(bus).targets(t -> t.id("capture").arn(queueArn)));
        controlPlane = new ControlPlane(Map.of(ControlPlane.LEDGER_TABLE, table, ControlPlane.EVENT_BUS, bus),
                account.clients, account.clock);
    }

    /** Puts entries in the put-events file format (events/*.json) on this fixture's bus. */
    void putEntries(JsonNode entries) {
        for (JsonNode entry : entries) {
            var response = events.putEvents(r -> r.entries(e -> e.source(entry.get("Source").asText())
                    .detailType(entry.get("DetailType").asText()).eventBusName(bus).detail(entry.get("Detail").asText())));
            if (response.failedEntryCount() > 0) {
                throw new IllegalStateException("put-events rejected " + entry + ": " + response.entries());
            }
        }
    }

    /** The first delivered event of {@code detailType} (waiting up to 10 s), as the target received it. */
    JsonNode awaitEvent(String detailType, java.util.function.Predicate<JsonNode> matching) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode event : seen) {
                if (detailType.equals(event.path("detail-type").asText()) && matching.test(event)) {
                    return event;
                }
            }
            for (Message m : sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()) {
                try {
                    seen.add(JSON.readTree(m.body()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
        throw new AssertionError("no " + detailType + " event matched within 10 s; seen: " + seen);
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static GlobalSecondaryIndex index(String name, String pk, String sk) {
        return GlobalSecondaryIndex.builder().indexName(name).keySchema(key(pk, KeyType.HASH), key(sk, KeyType.RANGE))
                .projection(p -> p.projectionType(ProjectionType.ALL)).build();
    }

    @Override
    public void close() {
        dynamo.close();
        events.close();
    }
}

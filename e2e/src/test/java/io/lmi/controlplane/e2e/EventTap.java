package io.lmi.controlplane.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Everything the control plane announces on its bus (or what another pattern matches on another bus), delivered to a
 * queue a test reads, as an alerting team would.
 */
final class EventTap implements AutoCloseable {
    private final SqsClient sqs;
    private final EventBridgeClient events;
    private final String queueUrl;
    private final String bus;
    private final String rule;
    private final List<JsonNode> seen = new ArrayList<>();

    EventTap(AwsClients clients, String bus) {
        this(clients, bus, "{\"source\": [\"lmi.control-plane\"]}");
    }

    /** The events on {@code bus} ("default": the account's own bus) that match {@code pattern}, an event pattern. */
    EventTap(AwsClients clients, String bus, String pattern) {
        this.sqs = clients.configure(SqsClient.builder()).build();
        this.events = clients.configure(EventBridgeClient.builder()).build();
        this.bus = bus;
        String name = "tap-" + UUID.randomUUID().toString().substring(0, 8);
        this.queueUrl = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings().get("QueueArn");
        this.rule = name;
        events.putRule(r -> r.name(name).eventBusName(bus).eventPattern(pattern));
        events.putTargets(r -> r.rule(name).eventBusName(bus).targets(t -> t.id("queue").arn(queueArn)));
    }

    /** Events for {@code operationId} (or every event when null) seen so far, in arrival order. */
    List<JsonNode> events(String operationId) {
        drain();
        return seen.stream().filter(e -> operationId == null
                || operationId.equals(e.path("detail").path("operationId").asText())).toList();
    }

    JsonNode await(Predicate<JsonNode> matching, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            drain();
            for (JsonNode event : seen) {
                if (matching.test(event)) {
                    return event;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no matching event on " + bus + " within " + timeout.toSeconds() + " s; seen: "
                + seen.stream().map(e -> e.path("detail-type").asText()).toList());
    }

    private void drain() {
        while (true) {
            var messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();
            if (messages.isEmpty()) {
                return;
            }
            for (var message : messages) {
                seen.add(Json.read(message.body(), JsonNode.class, "event"));
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    @Override
    public void close() {
        events.removeTargets(r -> r.rule(rule).eventBusName(bus).ids("queue"));
        events.deleteRule(r -> r.name(rule).eventBusName(bus));
        sqs.deleteQueue(r -> r.queueUrl(queueUrl));
        sqs.close();
        events.close();
    }
}

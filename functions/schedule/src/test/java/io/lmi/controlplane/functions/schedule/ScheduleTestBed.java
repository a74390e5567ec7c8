package io.lmi.controlplane.functions.schedule;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.aws.schedule.ScheduleLedger;
import io.lmi.controlplane.aws.schedule.Scaling;
import io.lmi.controlplane.local.LocalAws;
import io.lmi.controlplane.runtime.ControlPlane;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A control plane's capacity-shaping resources in the local AWS, fresh for each test class: the ledger table (the
 * template's key design), the bus with a queue that receives every event on it, the schedule group, the Scheduler
 * role, and a stand-in for the shaper function that Scheduler invokes. The handlers run in this JVM with a clock the
 * test moves.
 */
final class ScheduleTestBed implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRUST_SCHEDULER = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"scheduler.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    final LocalAws localAws;
    final AwsClients clients;
    final LambdaClient lambda;
    final SchedulerClient scheduler;
    final DynamoDbClient dynamo;
    final EventBridgeClient events;
    final SqsClient sqs;
    final LocalLmi lmi;
    final MutableClock clock;
    final String table;
    final String bus;
    final String group;
    final String shaperArn;
    final String roleArn;
    private final String queueUrl;
    private final List<JsonNode> received = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> extraEnvironment = new HashMap<>();

    ScheduleTestBed(LocalAws localAws, Instant start) {
        this.localAws = localAws;
        this.clients = AwsClients.of(localAws.region(), localAws.credentials(), localAws.endpoint());
        this.lambda = clients.configure(LambdaClient.builder()).build();
        this.scheduler = clients.configure(SchedulerClient.builder()).build();
        this.dynamo = clients.configure(DynamoDbClient.builder()).build();
        this.events = clients.configure(EventBridgeClient.builder()).build();
        this.sqs = clients.configure(SqsClient.builder()).build();
        this.lmi = LocalLmi.on(localAws, clients);
        this.clock = new MutableClock(start);
        String suffix = LocalLmi.suffix();
        this.table = io.lmi.controlplane.aws.ledger.LedgerTable.create(dynamo, "ledger-" + suffix);
        this.bus = events.createEventBus(r -> r.name("bus-" + suffix)).eventBusArn().replaceAll(".*/", "");
        this.queueUrl = sqs.createQueue(r -> r.queueName("events-" + suffix)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        events.putRule(r -> r.name("all-" + suffix).eventBusName(bus)
                .eventPattern("{\"source\": [\"lmi.control-plane\"]}"));
        events.putTargets(r -> r.rule("all-" + suffix).eventBusName(bus).targets(t -> t.id("queue").arn(queueArn)));
        this.group = scheduler.createScheduleGroup(r -> r.name("capacity-" + suffix)).scheduleGroupArn()
                .replaceAll(".*/", "");
        try (IamClient iam = clients.configure(IamClient.builder()).build()) {
            this.roleArn = iam.createRole(r -> r.roleName("scheduler-" + suffix)
                    .assumeRolePolicyDocument(TRUST_SCHEDULER)).role().arn();
            String shaperRole = iam.createRole(r -> r.roleName("shaper-" + suffix).assumeRolePolicyDocument(
                    TRUST_SCHEDULER.replace("scheduler.amazonaws.com", "lambda.amazonaws.com"))).role().arn();
            // Stands in for the deployed shaper: Scheduler's invocation of it is what the tests look at, and the real
            // ShaperHandler then runs here with the payload Scheduler sent.
            this.shaperArn = lambda.createFunction(r -> r.functionName("shaper-" + suffix).runtime("python3.12")
                    .handler("app.handler").role(shaperRole).code(c -> c.zipFile(SdkBytes.fromByteArray(echo()))))
                    .functionArn();
        }
    }

    Map<String, String> environment() {
        Map<String, String> environment = new TreeMap<>(Map.of(
                ControlPlane.LEDGER_TABLE, table,
                ControlPlane.EVENT_BUS, bus,
                ScheduleSettings.SCHEDULE_GROUP, group,
                ScheduleSettings.SHAPER_FUNCTION_ARN, shaperArn,
                ScheduleSettings.SCHEDULER_ROLE_ARN, roleArn));
        environment.putAll(extraEnvironment);
        return environment;
    }

    void setting(String name, String value) {
        extraEnvironment.put(name, value);
    }

    ControlPlane controlPlane() {
        return new ControlPlane(environment(), clients, clock);
    }

    ScheduleLedger ledger() {
        return new ScheduleLedger(dynamo, table, clock);
    }

    // ---- invoking the handlers ------------------------------------------------------------------------------------

    JsonNode applyRequest(ObjectNode detail) {
        return invoke(new ApplyScheduleHandler(controlPlane()), event(detail));
    }

    JsonNode removeRequest(ObjectNode detail) {
        return invoke(new RemoveScheduleHandler(controlPlane()), event(detail));
    }

    JsonNode shape(String payload) {
        return invoke(new ShaperHandler(controlPlane()), payload);
    }

    JsonNode follow(String function, String qualifier) {
        ObjectNode input = JSON.createObjectNode().put("functionName", function).put("qualifier", qualifier)
                .put("requestedBy", "rollout test");
        return invoke(new FollowScheduleVersionHandler(controlPlane()), input.toString());
    }

    static ObjectNode event(ObjectNode detail) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0").put("id", UUID.randomUUID().toString()).put("detail-type", "CapacityScheduleRequested")
                .put("source", "lmi.control-plane").put("account", "123456789012").put("region", "us-east-1");
        event.set("detail", detail);
        return event;
    }

    static JsonNode invoke(RequestStreamHandler handler, Object input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8)), out,
                    io.lmi.controlplane.local.host.LocalContext.forFunction(handler.getClass().getSimpleName()));
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- Scheduler --------------------------------------------------------------------------------------------------

    /** The group's schedules as text (all they are, without the response metadata), by name: for equality. */
    Map<String, String> snapshot() {
        Map<String, String> snapshot = new TreeMap<>();
        schedules().forEach((name, schedule) -> snapshot.put(name, schedule.toString()));
        return snapshot;
    }

    /** The group's schedules, by name. */
    Map<String, GetScheduleResponse> schedules() {
        Map<String, GetScheduleResponse> schedules = new TreeMap<>();
        for (ScheduleSummary summary : scheduler.listSchedulesPaginator(r -> r.groupName(group)).schedules()) {
            schedules.put(summary.name(), scheduler.getSchedule(r -> r.groupName(group).name(summary.name())));
        }
        return schedules;
    }

    /**
     * Fires a schedule in the local AWS, as EventBridge Scheduler does when it comes due (the shaper stand-in is
     * invoked asynchronously with the Input, context attributes filled in), and returns the payload it was sent.
     */
    String fire(String name) {
        HttpRequest request = HttpRequest.newBuilder(localAws.endpoint().resolve(URI.create("/_lmi/scheduler/fire")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"group\": \"" + group + "\", \"name\": \"" + name + "\"}"))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("firing " + name + " answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode result = JSON.readTree(response.body());
            if (!"Invoke".equals(result.at("/call/operation").asText())
                    || !shaperArn.equals(result.at("/call/parameters/FunctionName").asText())) {
                throw new AssertionError("firing " + name + " did not invoke the shaper: " + result);
            }
            return result.at("/call/parameters/Payload").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    // ---- Lambda ----------------------------------------------------------------------------------------------------

    Scaling requested(String function, String qualifier) {
        return Scaling.of(lambda.getFunctionScalingConfig(r -> r.functionName(function).qualifier(qualifier))
                .requestedFunctionScalingConfig());
    }

    void putByHand(String function, String qualifier, int min, Integer max) {
        lambda.putFunctionScalingConfig(r -> r.functionName(function).qualifier(qualifier)
                .functionScalingConfig(f -> f.minExecutionEnvironments(min).maxExecutionEnvironments(max)));
    }

    // ---- the bus ---------------------------------------------------------------------------------------------------

    /** The details of every event of {@code detailType} put on the bus so far. */
    List<JsonNode> events(String detailType) {
        // The local AWS delivers to the queue while PutEvents runs, so everything published is already there.
        while (true) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                break;
            }
            for (Message message : messages) {
                try {
                    received.add(JSON.readTree(message.body()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return received.stream().filter(e -> detailType.equals(e.path("detail-type").asText()))
                .map(e -> e.get("detail")).toList();
    }

    @Override
    public void close() {
        lambda.close();
        scheduler.close();
        dynamo.close();
        events.close();
        sqs.close();
        clients.close();
    }


    private static byte[] echo() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("app.py"));
            zip.write("def handler(event, context):\n    return event\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}

package io.lmi.controlplane.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lmi.controlplane.aws.events.EventPublisher;
import io.lmi.controlplane.aws.schedule.ScheduleLedger;
import io.lmi.controlplane.aws.schedule.ScheduleRequestRecord;
import io.lmi.controlplane.core.events.DetailTypes;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Sends a CapacityScheduleRequested to the control plane's bus, waits for its outcome in the ledger
 * (SCHEDULE_REQUEST#id), and prints it. Exit codes as everywhere: 0 done, 1 failed or no answer, 2 refused.
 */
final class ScheduleRequests {
    /** How often the ledger is read while waiting: often enough to feel immediate, rarely enough to cost nothing. */
    static final Duration POLL = Duration.ofMillis(500);
    static final int DEFAULT_TIMEOUT_SECONDS = 60;
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .enable(SerializationFeature.INDENT_OUTPUT).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private ScheduleRequests() {
    }

    static String newRequestId() {
        return "cli-" + UUID.randomUUID();
    }

    static String defaultRequester() {
        return System.getProperty("user.name", "unknown") + " (lmi CLI)";
    }

    /** Puts the request on the bus and waits for its outcome; returns the exit code after printing it. */
    static int send(ControlPlaneOptions.Resolved target, ObjectNode detail, String requestId, Duration timeout,
                    OutputFormat output, PrintWriter out, PrintWriter err) throws InterruptedException {
        try (EventBridgeClient events = target.clients().configure(EventBridgeClient.builder()).build();
             DynamoDbClient dynamo = target.clients().configure(DynamoDbClient.builder()).build()) {
            new EventPublisher(events, target.bus()).publish(DetailTypes.CAPACITY_SCHEDULE_REQUESTED, detail);
            Optional<ScheduleRequestRecord> outcome = await(new ScheduleLedger(dynamo, target.table(),
                    Clock.systemUTC()), requestId, timeout);
            if (outcome.isEmpty()) {
                err.println("lmi: request " + requestId + " is on bus " + target.bus() + ", but no outcome reached "
                        + "ledger " + target.table() + " within " + timeout.toSeconds() + " s: is the control plane "
                        + "deployed there? Its outcome will be the ledger item SCHEDULE_REQUEST#" + requestId);
                return ErrorHandler.FAILED;
            }
            return print(outcome.get(), output, out, err);
        }
    }

    private static Optional<ScheduleRequestRecord> await(ScheduleLedger ledger, String requestId, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<ScheduleRequestRecord> record = ledger.request(requestId);
            if (record.isPresent() || !Instant.now().isBefore(deadline)) {
                return record;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    static int print(ScheduleRequestRecord record, OutputFormat output, PrintWriter out, PrintWriter err) {
        if (output == OutputFormat.json) {
            out.println(json(record));
            out.flush();
            return exitCode(record);
        }
        switch (record.status()) {
            case APPLIED, REMOVED -> {
                out.println("Capacity schedule " + record.schedule() + " " + record.status().name().toLowerCase()
                        + " (request " + record.requestId() + ", by " + record.requestedBy() + ").");
                out.println("  " + record.message());
                if (!record.schedulerSchedules().isEmpty()) {
                    out.println("  EventBridge Scheduler schedules" + (record.status()
                            == ScheduleRequestRecord.Status.REMOVED ? " deleted:" : ":"));
                    record.schedulerSchedules().forEach(name -> out.println("    " + name));
                }
                record.capacity().forEach(v -> out.println("  " + v.function() + ":" + v.qualifier() + " now "
                        + v.scaling() + (v.reason() == null ? "" : " (" + v.reason() + ")")));
            }
            case REFUSED -> {
                err.println("lmi: the control plane refused request " + record.requestId() + "; nothing was changed:");
                record.problems().forEach(p -> err.println("  " + p.path() + ": " + p.message()));
            }
            case FAILED -> err.println("lmi: request " + record.requestId() + " " + record.message());
        }
        out.flush();
        err.flush();
        return exitCode(record);
    }

    private static int exitCode(ScheduleRequestRecord record) {
        return switch (record.status()) {
            case APPLIED, REMOVED -> 0;
            case REFUSED -> ErrorHandler.BAD_INPUT;
            case FAILED -> ErrorHandler.FAILED;
        };
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the ledger's documents always serialise", e);
        }
    }
}

package io.lmi.controlplane.functions.watchdog;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationKind;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.core.operation.Outcome;
import io.lmi.controlplane.functions.gate.OperationCleanup;
import io.lmi.controlplane.functions.gate.OperationCleanup.CleanupReport;
import io.lmi.controlplane.functions.gate.RollbackInput;
import io.lmi.controlplane.functions.migration.MigrationCleanup;
import io.lmi.controlplane.functions.rollout.RolloutCleanup;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Journal;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * Ends, in the ledger, every migration or rollout whose workflow execution ended without ending it: stopped by a
 * person (ABORTED), failed beyond its own error handling (its rollback step failed after its retries, a
 * States.Runtime error no Catch handles), or timed out. It cleans up exactly as the workflow's rollback would (the
 * same {@link OperationCleanup}), ends the operation, which releases every lock it holds (a migration also holds
 * its LMI copy's name), and announces the end.
 *
 * <p>Which operation: the one the execution's request started (its input is the request event: detail.requestId,
 * else the event id), and only if that operation's recorded execution is this one, so the second execution of a
 * redelivered request (which only joined) never ends the first one's operation. An operation that has ended is left
 * alone, so a redelivered event, or the end of an execution that ended its operation itself, changes nothing.
 *
 * <p>How it ends: ABORTED when a person stopped the execution (the same end and event as an abort they request on the
 * bus), FAILED otherwise, and FAILED with {@code Execution<STATUS>_CLEANUP_INCOMPLETE} whenever something could not
 * be undone, naming what is left: an operation that left something behind needs a person, whatever stopped it.
 */
public final class ExecutionWatchdogHandler extends StepHandler<JsonNode, Map<String, Object>> {

    /**
     * How long a step Lambda can still run after its execution was stopped: Step Functions does not stop a running
     * Lambda, and one that finishes after the cleanup could undo it (move a trigger back). This is the steps' Lambda
     * timeout (template.yaml, Globals: Timeout); the watchdog's own timeout leaves room for it plus a cleanup.
     */
    static final Duration IN_FLIGHT_STEP_TIMEOUT = Duration.ofSeconds(120);
    /** What a cleanup may need after the wait: a capacity provider's detach wait (60 s) and the ledger writes. */
    static final Duration CLEANUP_BUDGET = Duration.ofSeconds(90);
    static final String ENDED_BY = "the execution watchdog";

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionWatchdogHandler.class);

    private final Journal journal;
    private final SfnClient sfn;
    private final Map<OperationKind, OperationCleanup> cleanups;

    public ExecutionWatchdogHandler() {
        this(ControlPlane.fromEnvironment());
    }

    ExecutionWatchdogHandler(ControlPlane controlPlane) {
        this(controlPlane, new Journal(controlPlane));
    }

    private ExecutionWatchdogHandler(ControlPlane controlPlane, Journal journal) {
        super(JsonNode.class);
        this.journal = journal;
        this.sfn = controlPlane.clients().configure(SfnClient.builder()).build();
        this.cleanups = Map.of(OperationKind.MIGRATION, new MigrationCleanup(controlPlane, journal),
                OperationKind.ROLLOUT, new RolloutCleanup(controlPlane, journal));
    }

    @Override
    protected Map<String, Object> handle(JsonNode event, StepContext context) {
        ExecutionEnded ended = ExecutionEnded.read(event);
        Optional<Operation> found = operationOf(ended);
        if (found.isEmpty()) {
            return ignored(ended, null, "no operation was started by this execution");
        }
        Operation operation = found.get();
        if (operation.executionArn().filter(ended.executionArn()::equals).isEmpty()) {
            return ignored(ended, operation, "the operation belongs to execution "
                    + operation.executionArn().orElse("(none recorded)") + "; this one only joined or was refused");
        }
        if (operation.status().isTerminal()) {
            return ignored(ended, operation, "the operation already ended " + operation.status());
        }
        operation = awaitInFlightStep(ended, operation, context);
        if (operation.status().isTerminal()) {
            return ignored(ended, operation, "the operation ended " + operation.status() + " while the watchdog waited");
        }
        try {
            return end(ended, operation, context);
        } catch (IllegalStateException e) {
            Operation now = journal.ledger().load(operation.id());
            if (now.status().isTerminal()) {
                // The workflow's own last step ended it in the meantime (a step the stop left running).
                return ignored(ended, now, "the operation ended " + now.status() + " meanwhile");
            }
            throw e;
        }
    }

    private Map<String, Object> end(ExecutionEnded ended, Operation operation, StepContext context) {
        OperationCleanup cleanup = cleanups.get(operation.kind());
        journal.step(operation.id(), "Watchdog", ended.describe() + " while the operation was " + operation.status()
                + " at " + operation.currentStep() + "; " + ENDED_BY + " cleans up and ends it", execution(ended));
        CleanupReport report;
        try {
            report = cleanup.cleanUp(operation, "the execution ended " + ended.status(), context);
        } catch (RuntimeException e) {
            Operation now = journal.ledger().load(operation.id());
            if (now.status().isTerminal()) {
                throw new IllegalStateException("ended meanwhile", e);
            }
            LOG.error("the cleanup of {} stopped: {}", operation.id(), e.toString(), e);
            List<String> left = new ArrayList<>();
            left.add("the cleanup stopped (" + e.getMessage() + ")");
            left.addAll(cleanup.remaining(now));
            report = new CleanupReport(now.trafficPercent().orElse(0) + "% of traffic on the new "
                    + (operation.kind() == OperationKind.MIGRATION ? "function" : "version"),
                    "the cleanup could not finish", left);
        }
        OperationStatus status = ended.aborted() && report.leftovers().isEmpty() ? OperationStatus.ABORTED
                : OperationStatus.FAILED;
        Outcome outcome = outcome(ended, report);
        journal.end(operation.id(), status, outcome);
        LOG.info("{} ended {} ({}) after its execution {}", operation.id(), status, outcome.code(), ended.status());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("result", "ENDED");
        result.put("operationId", operation.id());
        result.put("status", status.name());
        result.put("outcomeCode", outcome.code());
        result.put("leftovers", report.leftovers());
        return result;
    }

    /**
     * The outcome the workflow's rollback would record for a failed step, with the execution's end as the error:
     * {@code {"Error": "Execution<STATUS>", "Cause": ...}}.
     */
    static Outcome outcome(ExecutionEnded ended, CleanupReport report) {
        String code = "Execution" + ended.status();
        String message = ended.describe() + " before the operation ended, at " + report.where() + "; " + ENDED_BY
                + " rolled it back";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("error", Map.of("Error", code, "Cause", message));
        details.put("execution", execution(ended));
        details.put("endedBy", ENDED_BY);
        return RollbackInput.outcome(code, message, details, report.restored(), report.leftovers());
    }

    private static Map<String, Object> execution(ExecutionEnded ended) {
        Map<String, Object> execution = new LinkedHashMap<>();
        execution.put("executionArn", ended.executionArn());
        execution.put("status", ended.status());
        if (ended.error() != null) {
            execution.put("error", ended.error());
        }
        if (ended.cause() != null) {
            execution.put("cause", ended.cause());
        }
        return execution;
    }

    /** The operation this execution's request started, or, when the request cannot be told, the one it runs. */
    private Optional<Operation> operationOf(ExecutionEnded ended) {
        Optional<JsonNode> input = ended.input().or(() -> describedInput(ended.executionArn()));
        Optional<String> byRequest = input.flatMap(ExecutionEnded::requestId).flatMap(journal.ledger()::operationForRequest);
        if (byRequest.isPresent()) {
            return journal.ledger().find(byRequest.get());
        }
        // A request without a request id or event id: the start step recorded the Lambda request id instead.
        return journal.ledger().active().stream()
                .filter(op -> op.executionArn().filter(ended.executionArn()::equals).isPresent())
                .findFirst().map(op -> journal.ledger().load(op.id()));
    }

    /** The input Step Functions left out of the event (too large for it): DescribeExecution has it in full. */
    private Optional<JsonNode> describedInput(String executionArn) {
        try {
            return ExecutionEnded.parse(sfn.describeExecution(r -> r.executionArn(executionArn)).input());
        } catch (SfnException e) {
            LOG.warn("cannot read the input of {}: {}", executionArn, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A stop or a timeout can catch a step Lambda mid-way, and Step Functions lets it run on: cleaning up under it
     * could be undone by it. Unless the operation was waiting for a token (a bake, an approval, a resume, an action:
     * no step runs then), wait until such a step must have ended, within what this invocation can spare.
     */
    private Operation awaitInFlightStep(ExecutionEnded ended, Operation operation, StepContext context) {
        if (!(ended.aborted() || "TIMED_OUT".equals(ended.status())) || operation.control().waitingFor() != null
                || ended.stoppedAt() == null) {
            return operation;
        }
        Instant stepsEnded = ended.stoppedAt().plus(IN_FLIGHT_STEP_TIMEOUT);
        Duration wait = Duration.between(Instant.now(), stepsEnded);
        Duration spare = context.remainingTime().minus(CLEANUP_BUDGET);
        if (wait.compareTo(spare) > 0) {
            wait = spare;
        }
        if (wait.isNegative() || wait.isZero()) {
            return operation;
        }
        LOG.info("{} was not waiting for a person when its execution ended {}: waiting {} s for a step still running",
                operation.id(), ended.status(), wait.toSeconds());
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return journal.ledger().load(operation.id());
    }

    private static Map<String, Object> ignored(ExecutionEnded ended, Operation operation, String why) {
        LOG.info("execution {} ended {}: nothing to do ({})", ended.executionArn(), ended.status(), why);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("result", "IGNORED");
        if (operation != null) {
            result.put("operationId", operation.id());
        }
        result.put("reason", why);
        return result;
    }
}

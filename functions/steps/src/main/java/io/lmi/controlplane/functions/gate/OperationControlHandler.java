package io.lmi.controlplane.functions.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.core.events.DetailTypes;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.operation.Control;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.core.validation.InvalidRequestException;
import io.lmi.controlplane.core.validation.Validator;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Journal;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * Manual control of migrations and rollouts, from events on the bus (which ./lmi approve|pause|resume|abort put
 * there): records the request in the ledger and, when the workflow waits for a person, completes its task token.
 * An abort ends a bake or a wait at once, and makes every other step stop at its next check; a pause holds the next
 * gate. A command answers only the wait it is meant for: approve answers APPROVAL and ACTION, resume answers RESUME,
 * and the token of any other wait is left in place.
 */
public final class OperationControlHandler extends StepHandler<JsonNode, Map<String, String>> {
    static final Set<String> COMMANDS = Set.of(DetailTypes.APPROVED, DetailTypes.ABORT_REQUESTED,
            DetailTypes.PAUSE_REQUESTED, DetailTypes.RESUME_REQUESTED);

    /** The detail of a control event. */
    public record Command(String operationId, String reason, String requestedBy) {
    }

    /** The result of a command whose wait had ended before it came (timed out, or answered by another command). */
    static final String WAIT_ALREADY_ENDED = "WAIT_ALREADY_ENDED";
    /** Step Functions' answers to a token that is no longer waited for. */
    static final Set<String> WAIT_IS_OVER = Set.of("TaskTimedOut", "TaskDoesNotExist", "InvalidToken");

    private final Journal journal;
    private final SfnClient sfn;

    public OperationControlHandler() {
        this(ControlPlane.fromEnvironment());
    }

    OperationControlHandler(ControlPlane controlPlane) {
        this(controlPlane, controlPlane.clients().configure(SfnClient.builder()).build());
    }

    OperationControlHandler(ControlPlane controlPlane, SfnClient sfn) {
        super(JsonNode.class);
        this.journal = new Journal(controlPlane);
        this.sfn = sfn;
    }

    @Override
    protected Map<String, String> handle(JsonNode event, StepContext context) {
        String type = event.path("detail-type").asText("");
        Validator v = new Validator("control event");
        v.check(COMMANDS.contains(type), "detail-type", "'" + type + "' is not a control command",
                "use one of " + COMMANDS);
        Command command = Json.convert(event.path("detail"), Command.class, "control event detail");
        v.require("detail.operationId", command == null ? null : command.operationId(),
                "name the migration or rollout, e.g. {\"operationId\": \"mig-...\"}");
        v.throwIfInvalid();
        Operation operation = journal.ledger().find(command.operationId()).orElseThrow(() ->
                InvalidRequestException.of("control event", "detail.operationId", "no operation " + command.operationId(),
                        "use an id from ./lmi status"));
        String who = command.requestedBy() == null ? "someone" : command.requestedBy();
        if (operation.status().isTerminal()) {
            journal.ledger().appendStep(operation.id(), new io.lmi.controlplane.core.operation.StepEntry(journal.now(),
                    "Control", operation.status().name(), type + " by " + who + " ignored: the operation ended "
                    + operation.status(), null));
            return Map.of("result", "IGNORED", "reason", "operation ended " + operation.status());
        }
        Control control = operation.control();
        String waiting = control.waitingFor();
        return switch (type) {
            case DetailTypes.APPROVED -> {
                if (!"APPROVAL".equals(waiting) && !"ACTION".equals(waiting)) {
                    yield note(operation, type, who, "nothing waits for approval" + (waiting == null ? "" : " (it waits for " + waiting + ")"));
                }
                String token = control.taskToken();
                // Recorded before the token is completed: once it is, the workflow runs on at once, and its next step
                // must find the decision already in the ledger, not race the record of it.
                journal.step(operation.id(), "Approved", "approved by " + who, command, op -> { });
                boolean answered = complete(operation, token, type, Map.of("decision", "APPROVED", "by", who));
                settle(operation.id(), token, Set.of(OperationStatus.WAITING_FOR_APPROVAL, OperationStatus.WAITING_FOR_ACTION));
                yield Map.of("result", answered ? "APPROVED" : WAIT_ALREADY_ENDED);
            }
            case DetailTypes.ABORT_REQUESTED -> {
                String reason = "aborted by " + who + (command.reason() == null ? "" : ": " + command.reason());
                Operation recorded = journal.step(operation.id(), "AbortRequested", reason + (waiting == null
                                ? "; takes effect when the step in progress ends (before any further poll, traffic shift or gate)" : ""), command,
                        op -> op.control(op.control().requestAbort(reason), journal.now()));
                // The wait as it is now, not as it was read above: a wait that began in between (the workflow stored
                // its token after that read) must be ended too, or the abort would wait with it.
                String token = recorded.control().taskToken();
                if (recorded.control().waitingFor() != null) {
                    fail(operation, token, type, "Aborted", reason);
                    settle(operation.id(), token, Set.of());
                }
                yield Map.of("result", "ABORT_REQUESTED");
            }
            case DetailTypes.PAUSE_REQUESTED -> {
                journal.step(operation.id(), "PauseRequested", "pause requested by " + who
                        + "; the workflow holds at its next gate", command,
                        op -> op.control(op.control().requestPause(), journal.now()));
                yield Map.of("result", "PAUSE_REQUESTED");
            }
            default -> {
                if (!"RESUME".equals(waiting)) {
                    // The saved token belongs to another wait (approval, action, bake), if any: it stays, or that wait
                    // would have nothing left to end it and a later approve or abort could no longer reach the workflow.
                    String elsewhere = waiting == null ? "" : "; it waits for " + waiting + ": answer that wait instead";
                    if (!control.pauseRequested()) {
                        yield note(operation, type, who, "the workflow is not paused" + elsewhere);
                    }
                    journal.step(operation.id(), "Resumed", "resumed by " + who + ": the pause requested earlier is "
                            + "withdrawn before the workflow reached a gate" + elsewhere, command,
                            op -> op.control(op.control().clearPause(), journal.now()));
                    yield Map.of("result", "PAUSE_WITHDRAWN");
                }
                String token = control.taskToken();
                // The pause is cleared before the token is completed: a resumed workflow re-judges its step at once,
                // and a pause still on record then would park it again, on a new token nobody resumes.
                journal.step(operation.id(), "Resumed", "resumed by " + who, command,
                        op -> op.control(op.control().clearPause(), journal.now()));
                boolean answered = complete(operation, token, type, Map.of("decision", "RESUMED", "by", who));
                settle(operation.id(), token, Set.of(OperationStatus.PAUSED));
                yield Map.of("result", answered ? "RESUMED" : WAIT_ALREADY_ENDED);
            }
        };
    }

    /**
     * Ends the record of the wait whose {@code token} was just completed, and sets the operation RUNNING if it was in
     * one of {@code waitingStatuses}: but only while that wait is still the one on record. By now the workflow may have
     * moved on and stored its next wait (a bake, or another approval), whose token and status must stay.
     */
    private void settle(String operationId, String token, Set<OperationStatus> waitingStatuses) {
        journal.ledger().update(operationId, op -> {
            if (token == null || !token.equals(op.control().taskToken())) {
                return;
            }
            op.control(op.control().stopWaitingFor(token), journal.now());
            if (waitingStatuses.contains(op.status())) {
                op.status(OperationStatus.RUNNING, journal.now());
            }
        });
    }

    private Map<String, String> note(Operation operation, String type, String who, String why) {
        journal.ledger().appendStep(operation.id(), new io.lmi.controlplane.core.operation.StepEntry(journal.now(),
                "Control", operation.status().name(), type + " by " + who + " ignored: " + why, null));
        return Map.of("result", "IGNORED", "reason", why);
    }

    /** @return whether the workflow was still waiting on {@code token}, and now runs on */
    private boolean complete(Operation operation, String token, String type, Map<String, String> output) {
        try {
            sfn.sendTaskSuccess(r -> r.taskToken(token).output(Json.write(output)));
            return true;
        } catch (SfnException e) {
            noteIfTheWaitIsOver(operation, type, e);
            return false;
        }
    }

    private void fail(Operation operation, String token, String type, String error, String cause) {
        try {
            sfn.sendTaskFailure(r -> r.taskToken(token).error(error).cause(cause));
        } catch (SfnException e) {
            noteIfTheWaitIsOver(operation, type, e);
        }
    }

    /**
     * The token is no longer waited for (the wait timed out, or another command ended it first): the workflow has
     * moved on, and the record says so. Any other failure (throttling past the retries, the service unreachable) is
     * rethrown, with the wait still on record, so that the event's retry completes the same token.
     */
    private void noteIfTheWaitIsOver(Operation operation, String type, SfnException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if (code == null || !WAIT_IS_OVER.contains(code)) {
            throw e;
        }
        journal.ledger().appendStep(operation.id(), new io.lmi.controlplane.core.operation.StepEntry(journal.now(),
                "Control", operation.status().name(), type + " came after the wait had ended (" + code
                + "): the workflow had already moved on", null));
    }
}

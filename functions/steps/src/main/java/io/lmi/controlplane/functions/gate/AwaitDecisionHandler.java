package io.lmi.controlplane.functions.gate;

import io.lmi.controlplane.core.events.DetailTypes;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.core.validation.Validatable;
import io.lmi.controlplane.core.validation.Validator;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Journal;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Parks the workflow until a person decides: it keeps the Step Functions task token in the ledger, tells the team on
 * the bus what to do and how to answer, and returns. The token is completed by the control handler when an
 * Approved, ResumeRequested or AbortRequested event arrives. An abort that came before the wait ends it at once.
 */
public final class AwaitDecisionHandler extends StepHandler<AwaitDecisionHandler.Input, Map<String, String>> {
    public static final String BAKE = "BAKE";

    /**
     * @param waitFor APPROVAL (a gate could not judge), ACTION (callers to move by hand), RESUME (paused), or BAKE (a
     *                step bakes: the wait's timeout is the bake time, and only an abort ends it early)
     */
    public record Input(String operationId, String waitFor, String taskToken) implements Validatable {
        @Override
        public void validate() {
            Validator v = new Validator("await input");
            v.require("operationId", operationId, "pass $.operationId");
            v.require("taskToken", taskToken, "pass $$.Task.Token with .waitForTaskToken");
            v.check(List.of("APPROVAL", "ACTION", "RESUME", BAKE).contains(waitFor), "waitFor", "'" + waitFor + "' is unknown",
                    "use APPROVAL, ACTION, RESUME or BAKE");
            v.throwIfInvalid();
        }
    }

    private final Journal journal;
    private final SfnClient sfn;

    public AwaitDecisionHandler() {
        this(ControlPlane.fromEnvironment());
    }

    AwaitDecisionHandler(ControlPlane controlPlane) {
        super(Input.class);
        this.journal = new Journal(controlPlane);
        this.sfn = controlPlane.clients().configure(SfnClient.builder()).build();
    }

    @Override
    protected Map<String, String> handle(Input input, StepContext context) {
        Operation operation = journal.ledger().load(input.operationId());
        if (operation.control().abortRequested()) {
            return abort(input, operation);
        }
        Operation waiting;
        if (BAKE.equals(input.waitFor())) {
            // Nobody is asked anything: the token is kept only so that an abort can end the bake at once.
            waiting = journal.step(operation.id(), "Bake", "baking; the gate judges the step when the bake time is over ("
                    + "./lmi abort " + operation.id() + " rolls back now)", null, op -> {
                        if (!op.control().abortRequested()) {
                            op.control(op.control().waitFor(BAKE, input.taskToken(), "baking", journal.now()), journal.now());
                        }
                    });
        } else {
            String instructions = instructions(operation, input.waitFor());
            OperationStatus status = switch (input.waitFor()) {
                case "APPROVAL" -> OperationStatus.WAITING_FOR_APPROVAL;
                case "ACTION" -> OperationStatus.WAITING_FOR_ACTION;
                default -> OperationStatus.PAUSED;
            };
            waiting = journal.step(operation.id(), "Await" + capitalized(input.waitFor()), instructions,
                    Map.of("waitFor", input.waitFor()), op -> {
                        if (!op.control().abortRequested()) {
                            op.control(op.control().waitFor(input.waitFor(), input.taskToken(), instructions, journal.now()), journal.now());
                            op.status(status, journal.now());
                        }
                    });
            if (!waiting.control().abortRequested()) {
                journal.announce(DetailTypes.APPROVAL_REQUESTED, waiting, instructions, Map.of("waitFor", input.waitFor()));
            }
        }
        // An abort recorded after the load above but before this wait was stored found no token to end: this wait was
        // not on record yet, so it is ended here. (An abort recorded after the wait finds the token, and ends it.)
        if (waiting.control().abortRequested()) {
            return abort(input, waiting);
        }
        return Map.of("waiting", input.waitFor());
    }

    private Map<String, String> abort(Input input, Operation operation) {
        sfn.sendTaskFailure(r -> r.taskToken(input.taskToken()).error("Aborted")
                .cause(String.valueOf(operation.control().abortReason())));
        return Map.of("decision", "ABORTED");
    }

    private static String instructions(Operation operation, String waitFor) {
        String id = operation.id();
        String answer = " Answer with ./lmi approve " + id + " (or an Approved event with detail {\"operationId\": \"" + id
                + "\"}); ./lmi abort " + id + " rolls back.";
        return switch (waitFor) {
            case "APPROVAL" -> "The last step could not be judged: "
                    + operation.fact(EvaluateGateHandler.GATE_FACT, io.lmi.controlplane.core.gate.GateDecision.class)
                            .map(io.lmi.controlplane.core.gate.GateDecision::reason)
                            .orElse("too little traffic reached the new function")
                    + "." + answer;
            case "ACTION" -> String.join(" ", operation.fact("shift", com.fasterxml.jackson.databind.JsonNode.class)
                    .map(shift -> { List<String> lines = new java.util.ArrayList<>();
                        shift.path("instructions").forEach(line -> lines.add(line.asText()));
                        return lines; }).orElse(List.of())) + answer;
            default -> "Paused on request. Resume with ./lmi resume " + id + "; ./lmi abort " + id + " rolls back.";
        };
    }

    private static String capitalized(String word) {
        return word.charAt(0) + word.substring(1).toLowerCase();
    }
}

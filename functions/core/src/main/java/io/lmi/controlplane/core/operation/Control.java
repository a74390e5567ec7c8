package io.lmi.controlplane.core.operation;

import java.time.Instant;

/**
 * Manual control of a running operation. Requests (abort, pause) are recorded here by the control handler and acted
 * on by the workflow: a pause at its next gate, an abort at its next poll, traffic shift or gate. A workflow that
 * waits (for a person, or a bake) keeps its Step Functions task token here, so that approve, resume and abort can
 * complete the wait.
 *
 * @param waitingFor what the workflow waits for ({@code APPROVAL}, {@code ACTION}, {@code RESUME}, {@code BAKE}), or null
 */
public record Control(boolean abortRequested, String abortReason, boolean pauseRequested, String waitingFor,
                      String taskToken, String instructions, Instant waitingSince) {

    public static Control none() {
        return new Control(false, null, false, null, null, null, null);
    }

    public Control requestAbort(String reason) {
        return new Control(true, reason, pauseRequested, waitingFor, taskToken, instructions, waitingSince);
    }

    public Control requestPause() {
        return new Control(abortRequested, abortReason, true, waitingFor, taskToken, instructions, waitingSince);
    }

    public Control clearPause() {
        return new Control(abortRequested, abortReason, false, waitingFor, taskToken, instructions, waitingSince);
    }

    public Control waitFor(String what, String token, String instructions, Instant since) {
        return new Control(abortRequested, abortReason, pauseRequested, what, token, instructions, since);
    }

    public Control stopWaiting() {
        return new Control(abortRequested, abortReason, pauseRequested, null, null, null, null);
    }

    /**
     * Stops waiting only if the wait is still the one whose {@code completedToken} was just completed: once a token is
     * completed the workflow moves on at once, and its next wait (a bake, say) may store its own token before the
     * completer records the end of the old one; wiping that newer token would leave an abort nothing to end.
     */
    public Control stopWaitingFor(String completedToken) {
        return completedToken != null && completedToken.equals(taskToken) ? stopWaiting() : this;
    }
}

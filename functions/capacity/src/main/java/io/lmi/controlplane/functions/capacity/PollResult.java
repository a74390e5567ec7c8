package io.lmi.controlplane.functions.capacity;

/** What the state machine's poll loop needs: the state, how long to wait before asking again, and whether to stop. */
public record PollResult(String state, long pollSeconds, boolean timedOut, String message) {
}

package io.lmi.controlplane.functions.migration;

/** A published version's state for the workflow's poll loop. */
public record VersionPoll(String state, String version, long pollSeconds, boolean timedOut, String message) {
}

package io.lmi.controlplane.core.operation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One line of an operation's timeline: which step, what happened, when, with the facts that matter. */
public record StepEntry(Instant at, String step, String status, String message, JsonNode details) {
}

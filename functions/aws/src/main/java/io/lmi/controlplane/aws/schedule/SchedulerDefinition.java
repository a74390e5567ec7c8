package io.lmi.controlplane.aws.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the control plane sets on one EventBridge Scheduler schedule, in a form two of which can be compared:
 * what the schedule should be (from the compiler) against what Scheduler has (from GetSchedule). Two definitions
 * that are equal need no UpdateSchedule; this is what makes applying the same schedule twice change nothing.
 *
 * @param input   the target's Input, normalised (parsed and written compactly) so formatting never counts as a change
 * @param enabled               always true for the control plane's schedules, and
 * @param flexibleWindowMinutes always null (FlexibleTimeWindow OFF: capacity changes at the minute the file says); a
 *                              schedule someone disabled or gave a flexible window by hand differs, and the next apply
 *                              puts it right
 */
public record SchedulerDefinition(String name, String expression, String timezone, String description, String input,
                                  boolean deleteAfterCompletion, String targetArn, String roleArn,
                                  long maximumEventAgeSeconds, int maximumRetryAttempts, String deadLetterArn,
                                  boolean enabled, Integer flexibleWindowMinutes) {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public SchedulerDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(targetArn, "targetArn");
        Objects.requireNonNull(roleArn, "roleArn");
        input = normalised(input);
        description = description == null ? "" : description;
        deadLetterArn = deadLetterArn == null || deadLetterArn.isBlank() ? null : deadLetterArn;
    }

    /** The stored schedule this one wakes the shaper for (the Input's "schedule"), if the Input says. */
    public Optional<String> scheduleKey() {
        return inputTree().map(node -> node.path("schedule")).filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    public boolean oneOff() {
        return expression.startsWith("at(");
    }

    private Optional<JsonNode> inputTree() {
        if (input == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSON.readTree(input));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String normalised(String input) {
        if (input == null || input.isBlank()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(JSON.readTree(input));
        } catch (JsonProcessingException e) {
            // Not JSON (someone else's schedule): keep it verbatim, it then never equals one of ours.
            return input;
        }
    }
}

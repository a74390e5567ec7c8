package io.lmi.controlplane.aws.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lmi.controlplane.core.schedule.ScheduleProblem;
import io.lmi.controlplane.core.schedule.ScheduleTarget;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A CapacityScheduleRequested event's detail: the schedule file's fields as they are, plus an envelope of
 * {@code requestId} (default: the event's id), {@code requestedBy} and {@code action} ({@code apply}, the default, or
 * {@code remove}). To remove, the detail names the schedule by {@code function} or {@code selector}, and may give the
 * {@code qualifier} it expects the schedule to govern.
 * <pre>
 * {"requestId": "change-4712", "requestedBy": "platform-team", "function": "orders-api", "qualifier": "7", ...}
 * {"action": "remove", "function": "orders-api", "requestedBy": "platform-team"}
 * </pre>
 */
public record ScheduleRequest(String requestId, String requestedBy, Action action, JsonNode detail,
                              List<ScheduleProblem> problems) {

    public enum Action {
        APPLY("apply"), REMOVE("remove");

        private final String text;

        Action(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public static final String REQUEST_ID = "requestId";
    public static final String REQUESTED_BY = "requestedBy";
    public static final String ACTION = "action";
    static final Set<String> ENVELOPE = Set.of(REQUEST_ID, REQUESTED_BY, ACTION);
    private static final Set<String> REMOVE_FIELDS = Set.of("function", "selector", "qualifier");
    /** Request ids end up in ledger keys and event details: printable, at most 128 characters. */
    private static final Pattern REQUEST_ID_PATTERN = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");
    private static final String UNKNOWN_REQUESTER = "unknown (the request has no requestedBy)";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public ScheduleRequest {
        problems = List.copyOf(problems);
    }

    /** Reads an EventBridge event; envelope problems are collected, not thrown, so the refusal can be recorded. */
    public static ScheduleRequest fromEvent(JsonNode event, String fallbackRequestId) {
        String eventId = event == null ? null : event.path("id").asText(null);
        JsonNode detail = event == null ? null : event.get("detail");
        List<ScheduleProblem> problems = new ArrayList<>();
        if (detail == null || !detail.isObject()) {
            problems.add(new ScheduleProblem("detail", "is missing or not an object; put the schedule (the file's "
                    + "JSON) in the event's detail"));
            detail = NODES.objectNode();
        }
        String requestId = eventId == null ? fallbackRequestId : eventId;
        JsonNode givenId = detail.get(REQUEST_ID);
        if (givenId != null) {
            if (givenId.isTextual() && REQUEST_ID_PATTERN.matcher(givenId.asText()).matches()) {
                requestId = givenId.asText();
            } else {
                problems.add(new ScheduleProblem(REQUEST_ID, "must be 1-128 letters, digits or ._:@/+=- , got "
                        + givenId + "; leave it out to use the event's id"));
            }
        }
        String requestedBy = UNKNOWN_REQUESTER;
        JsonNode by = detail.get(REQUESTED_BY);
        if (by != null) {
            if (by.isTextual() && !by.asText().isBlank()) {
                requestedBy = by.asText();
            } else {
                problems.add(new ScheduleProblem(REQUESTED_BY, "must be a non-empty string naming who asks"));
            }
        }
        Action action = Action.APPLY;
        JsonNode actionNode = detail.get(ACTION);
        if (actionNode != null) {
            if (actionNode.isTextual() && Action.REMOVE.text().equals(actionNode.asText())) {
                action = Action.REMOVE;
            } else if (!actionNode.isTextual() || !Action.APPLY.text().equals(actionNode.asText())) {
                problems.add(new ScheduleProblem(ACTION, "must be \"apply\" (the default) or \"remove\", got "
                        + actionNode));
            }
        }
        if (action == Action.REMOVE) {
            checkRemoval(detail, problems);
        }
        return new ScheduleRequest(requestId, requestedBy, action, detail, problems);
    }

    private static void checkRemoval(JsonNode detail, List<ScheduleProblem> problems) {
        for (Iterator<String> names = detail.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ENVELOPE.contains(name) && !REMOVE_FIELDS.contains(name)) {
                problems.add(new ScheduleProblem(name, "is not a field of a removal; name the schedule with function "
                        + "or selector (and optionally qualifier)"));
            }
        }
        boolean hasFunction = detail.hasNonNull("function");
        boolean hasSelector = detail.hasNonNull("selector");
        if (hasFunction == hasSelector) {
            problems.add(new ScheduleProblem("function", "name the schedule to remove with exactly one of function "
                    + "(a function name) or selector ({\"tags\": {...}})"));
        } else if (hasFunction && !detail.get("function").isTextual()) {
            problems.add(new ScheduleProblem("function", "must be a function name"));
        } else if (hasSelector && !detail.get("selector").path("tags").isObject()) {
            problems.add(new ScheduleProblem("selector.tags", "must be an object of tag names and values"));
        }
        if (detail.has("qualifier") && !detail.get("qualifier").isTextual()) {
            problems.add(new ScheduleProblem("qualifier", "must be a version number or $LATEST.PUBLISHED"));
        }
    }

    /** The schedule file's fields: the detail without the envelope. */
    public JsonNode scheduleTree() {
        ObjectNode tree = NODES.objectNode();
        detail.fields().forEachRemaining(e -> {
            if (!ENVELOPE.contains(e.getKey())) {
                tree.set(e.getKey(), e.getValue());
            }
        });
        return tree;
    }

    /** For a removal: the schedule it names (a function by name, an ARN reduced to its name, or a selector). */
    public ScheduleTarget removalTarget() {
        if (detail.hasNonNull("function")) {
            return new ScheduleTarget.FunctionTarget(new ScheduleTarget.FunctionTarget(detail.get("function").asText())
                    .functionName());
        }
        Map<String, String> tags = new TreeMap<>();
        detail.path("selector").path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        return new ScheduleTarget.TagSelector(tags);
    }

    /** For a removal: the qualifier the requester expects the schedule to govern, if given. */
    public String expectedQualifier() {
        return detail.hasNonNull("qualifier") ? detail.get("qualifier").asText() : null;
    }

    /** The function named in the detail (for a selector: none), to file the request under in the ledger. */
    public String functionName() {
        JsonNode function = detail.get("function");
        return function != null && function.isTextual()
                ? new ScheduleTarget.FunctionTarget(function.asText()).functionName() : null;
    }

    /** The detail of an apply request: the schedule's fields plus the envelope. */
    public static ObjectNode applyDetail(JsonNode scheduleTree, String requestId, String requestedBy) {
        ObjectNode detail = NODES.objectNode();
        detail.put(REQUEST_ID, requestId);
        detail.put(REQUESTED_BY, requestedBy);
        detail.setAll((ObjectNode) scheduleTree);
        return detail;
    }

    /** The detail of a removal of the schedule of {@code function} (qualifier: the one expected, or null). */
    public static ObjectNode removeDetail(String function, String qualifier, String requestId, String requestedBy) {
        ObjectNode detail = NODES.objectNode();
        detail.put(REQUEST_ID, requestId);
        detail.put(REQUESTED_BY, requestedBy);
        detail.put(ACTION, Action.REMOVE.text());
        detail.put("function", function);
        if (qualifier != null) {
            detail.put("qualifier", qualifier);
        }
        return detail;
    }
}

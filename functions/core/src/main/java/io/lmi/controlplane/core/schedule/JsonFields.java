package io.lmi.controlplane.core.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Typed, path-aware access to one JSON object. Every miss is recorded as a {@link ScheduleProblem} and answered with
 * an empty Optional, so that decoding goes on and reports everything wrong in one pass.
 */
final class JsonFields {
    private final JsonNode node;
    private final String path;
    private final List<ScheduleProblem> problems;

    private JsonFields(JsonNode node, String path, List<ScheduleProblem> problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** The object at {@code path}; unknown fields are reported, and a non-object is reported and yields empty. */
    static Optional<JsonFields> of(JsonNode node, String path, List<ScheduleProblem> problems, List<String> allowed,
                                   String shape) {
        if (!node.isObject()) {
            problems.add(new ScheduleProblem(path, "must be an object " + shape + ", got " + describe(node)));
            return Optional.empty();
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add(new ScheduleProblem(join(path, name), "unknown field; allowed here: "
                        + String.join(", ", allowed) + Suggestions.didYouMean(name, allowed)));
            }
        }
        return Optional.of(new JsonFields(node, path, problems));
    }

    String path(String field) {
        return join(path, field);
    }

    boolean has(String field) {
        return node.has(field);
    }

    Optional<String> text(String field, boolean required, String expected) {
        return value(field, required, expected).flatMap(v -> {
            if (v.isTextual()) {
                return Optional.of(v.textValue());
            }
            problems.add(new ScheduleProblem(path(field), "must be " + expected + ", got " + describe(v)));
            return Optional.empty();
        });
    }

    Optional<Integer> integer(String field, boolean required) {
        return value(field, required, "a whole number").flatMap(v -> {
            if (v.isIntegralNumber() && v.canConvertToInt()) {
                return Optional.of(v.intValue());
            }
            problems.add(new ScheduleProblem(path(field), "must be a whole number, got " + describe(v)));
            return Optional.empty();
        });
    }

    /** The array's elements with their paths; a missing optional array is an empty list. */
    Optional<List<Element>> array(String field, boolean required, String expected) {
        if (!required && !node.has(field)) {
            return Optional.of(List.of());
        }
        return value(field, required, expected).flatMap(v -> {
            if (!v.isArray()) {
                problems.add(new ScheduleProblem(path(field), "must be " + expected + ", got " + describe(v)));
                return Optional.empty();
            }
            List<Element> elements = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                elements.add(new Element(i, v.get(i), path(field) + "[" + i + "]"));
            }
            return Optional.of(elements);
        });
    }

    Optional<JsonFields> object(String field, boolean required, List<String> allowed, String shape) {
        return value(field, required, "an object " + shape)
                .flatMap(v -> of(v, path(field), problems, allowed, shape));
    }

    Optional<JsonNode> raw(String field) {
        return Optional.ofNullable(node.get(field));
    }

    private Optional<JsonNode> value(String field, boolean required, String expected) {
        JsonNode v = node.get(field);
        if (v == null) {
            if (required) {
                problems.add(new ScheduleProblem(path(field), "is required: " + expected));
            }
            return Optional.empty();
        }
        return Optional.of(v);
    }

    static String describe(JsonNode v) {
        if (v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            return "the text \"" + v.textValue() + "\"";
        }
        if (v.isNumber()) {
            return "the number " + v.asText();
        }
        if (v.isBoolean()) {
            return "the boolean " + v.asText() + (v.booleanValue() ? "" : " (YAML reads an unquoted no/off as false)");
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isObject()) {
            return "an object";
        }
        return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static String join(String path, String field) {
        return path.isEmpty() || "$".equals(path) ? field : path + "." + field;
    }

    /** One element of an array, with its JSON path. */
    record Element(int index, JsonNode node, String path) {
    }
}

package io.lmi.controlplane.aws.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.core.json.Json;
import java.util.Optional;

/** A shifter's notes (and a trigger's original) as the shifter's own record type, through the project's JSON. */
final class Notes {
    private Notes() {
    }

    static <T> Optional<T> read(JsonNode notes, Class<T> type) {
        if (notes == null || notes.isNull() || notes.isMissingNode() || notes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Json.convert(notes, type, type.getSimpleName()));
    }

    static <T> T require(JsonNode node, Class<T> type, String what) {
        return read(node, type).orElseThrow(() -> new IllegalArgumentException(
                what + " is missing: the trigger was not discovered by this shifter"));
    }

    static JsonNode write(Object value) {
        return Json.tree(value);
    }
}

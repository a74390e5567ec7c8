package io.lmi.controlplane.core.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lmi.controlplane.core.validation.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

/**
 * The one JSON configuration of the control plane: events, state-machine payloads, ledger documents and CLI output
 * all use it, so a document written by one part reads back identically in another.
 *
 * <p>Reading is strict: an unknown field is an error (a typo such as {@code "stpes"} must not silently fall back to a
 * default), and every error names the field's JSON path.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            // Records carry their data in components; a helper such as isLast() or isActive() is not a property.
            // Detected, it would be written and then refused by the strict reader (or, with @JsonIgnore, hide the
            // component of the same name).
            .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .build();

    private Json() {
    }

    /** The shared mapper; it is thread-safe once configured, and nobody may reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static String writePretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * Reads {@code json} as {@code type}; a malformed document or a wrong field becomes an
     * {@link InvalidRequestException} that names the field, labelled with {@code what}.
     */
    public static <T> T read(String json, Class<T> type, String what) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonMappingException e) {
            throw invalid(what, e);
        } catch (JsonProcessingException e) {
            throw InvalidRequestException.of(what, "(document)", "is not valid JSON: " + e.getOriginalMessage(),
                    "send a JSON object");
        }
    }

    public static <T> T read(InputStream json, Class<T> type, String what) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonMappingException e) {
            throw invalid(what, e);
        } catch (JsonProcessingException e) {
            throw InvalidRequestException.of(what, "(document)", "is not valid JSON: " + e.getOriginalMessage(),
                    "send a JSON object");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T convert(Object value, Class<T> type, String what) {
        try {
            return MAPPER.convertValue(value, type);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof JsonMappingException mapping) {
                throw invalid(what, mapping);
            }
            throw e;
        }
    }

    private static InvalidRequestException invalid(String what, JsonMappingException e) {
        String path = path(e);
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
            return InvalidRequestException.of(what, path, "is not a known field",
                    "remove it or correct its spelling; known fields here: " + known);
        }
        if (e instanceof InvalidFormatException format) {
            return InvalidRequestException.of(what, path, "'" + format.getValue() + "' is not a valid "
                    + format.getTargetType().getSimpleName(), "use a " + describe(format.getTargetType()));
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return InvalidRequestException.of(what, path, "has the wrong type",
                    "use a " + describe(mismatch.getTargetType()));
        }
        // Constructor checks of records surface here with their own message.
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return InvalidRequestException.of(what, path, String.valueOf(cause.getMessage()), "correct the value");
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            }
        }
        return path.length() == 0 ? "(document)" : path.toString();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            StringBuilder values = new StringBuilder();
            for (Object constant : type.getEnumConstants()) {
                values.append(values.length() == 0 ? "" : ", ").append(constant);
            }
            return "value from: " + values;
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean (true or false)";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "list";
        }
        if (type == String.class) {
            return "string";
        }
        return "JSON object of the documented shape";
    }
}

package io.lmi.controlplane.core.assess;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;

/**
 * The JSON form of an {@link Assessment} (docs/assessment.md). Numbers are written plain (no exponents) and money with
 * cents, as the cost report writes them; reading tolerates fields added by later versions of the same schema.
 */
public final class AssessmentJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private AssessmentJson() {
    }

    public static String write(Assessment assessment) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(assessment);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document as a tree, for the ledger and for embedding in other documents. */
    public static JsonNode tree(Assessment assessment) {
        try {
            return MAPPER.readTree(MAPPER.writeValueAsString(assessment));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Assessment read(String json) {
        try {
            return MAPPER.readValue(json, Assessment.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Assessment read(JsonNode json) {
        try {
            return MAPPER.treeToValue(json, Assessment.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

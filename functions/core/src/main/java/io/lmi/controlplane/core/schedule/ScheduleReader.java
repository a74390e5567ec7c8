package io.lmi.controlplane.core.schedule;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;

/** Text to a JSON tree. Duplicate keys are refused: with them, which value counts would depend on the parser. */
final class ScheduleReader {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private ScheduleReader() {
    }

    static JsonNode readTree(String text, ScheduleFormat format) {
        ObjectMapper mapper = format == ScheduleFormat.JSON ? JSON : YAML;
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidScheduleException(List.of(new ScheduleProblem("$",
                    "not valid " + format + at(e.getLocation()) + ": " + e.getOriginalMessage())));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new InvalidScheduleException(List.of(new ScheduleProblem("$",
                    "the file is empty; a schedule is an object with function, qualifier, timezone and default")));
        }
        return tree;
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}

package io.lmi.controlplane.core.assess;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.recommend.LmiConfiguration;

/**
 * What the migration's Assess step records on the operation (fact {@value #FACT}): the whole assessment document
 * (docs/assessment.md), plus whether the migration goes on and the configuration later steps apply unchanged.
 * {@code configuration} already carries the request's minExecutionEnvironments / maxExecutionEnvironments; the
 * document's own {@code recommendation.configuration} keeps what was recommended.
 *
 * <p>This record is the typed view of the fields steps act on; the rest of the document is read as JSON (for example
 * {@code costSummary} or {@code cost}).
 *
 * @param configuration null when no configuration could be derived (then {@code proceed} is false)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AssessmentFact(String assessmentId, Verdict verdict, boolean proceed, boolean forced, String message,
                             LmiConfiguration configuration) {
    public static final String FACT = "assessment";

    /** The fact as stored: the assessment document with {@code proceed}, {@code forced}, {@code message} and {@code configuration}. */
    public static JsonNode document(Assessment assessment, boolean proceed, boolean forced, String message,
                                    LmiConfiguration configuration) {
        ObjectNode document = (ObjectNode) AssessmentJson.tree(assessment);
        document.put("proceed", proceed);
        document.put("forced", forced);
        document.put("message", message);
        document.set("configuration", configuration == null ? document.nullNode() : Json.tree(configuration));
        return document;
    }
}

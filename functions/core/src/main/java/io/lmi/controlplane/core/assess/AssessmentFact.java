package io.lmi.controlplane.core.assess;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.core.recommend.LmiConfiguration;
import java.util.List;

/**
 * What the migration's Assess step records on the operation (fact {@value #FACT}): the verdict, whether the
 * migration goes on, and the configuration later steps apply unchanged. {@code configuration} already carries the
 * request's minExecutionEnvironments / maxExecutionEnvironments; {@code assessment} is the whole assessment document.
 *
 * @param configuration null when no configuration could be derived (then {@code proceed} is false)
 */
public record AssessmentFact(String assessmentId, Finding finding, List<ReasonCode> reasonCodes, Confidence confidence,
                             boolean proceed, boolean forced, String message, LmiConfiguration configuration,
                             JsonNode assessment) {
    public static final String FACT = "assessment";

    public AssessmentFact {
        reasonCodes = List.copyOf(reasonCodes);
    }
}

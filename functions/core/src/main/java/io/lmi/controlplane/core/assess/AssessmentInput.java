package io.lmi.controlplane.core.assess;

import io.lmi.controlplane.core.function.FunctionSnapshot;
import io.lmi.controlplane.core.traffic.Trigger;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one assessment looks at, gathered by the caller (the AWS adapter reads it; tests build it).
 *
 * @param region          the function's Region (prices and LMI availability)
 * @param triggers        every trigger discovery found (an empty list when it found none)
 * @param lmiFunctionName the name the LMI copy would get, for the SAM snippet
 */
public record AssessmentInput(String assessmentId, Instant assessedAt, String region, FunctionSnapshot function,
                              List<Trigger> triggers, MetricsHistory history, AssessmentOptions options,
                              String lmiFunctionName) {
    public AssessmentInput {
        Objects.requireNonNull(assessmentId, "assessmentId");
        Objects.requireNonNull(assessedAt, "assessedAt");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(function, "function");
        triggers = List.copyOf(Objects.requireNonNull(triggers, "triggers"));
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(lmiFunctionName, "lmiFunctionName");
    }
}

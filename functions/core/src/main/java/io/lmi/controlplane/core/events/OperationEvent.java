package io.lmi.controlplane.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.core.operation.Operation;
import java.time.Instant;

/**
 * The detail of every migration and rollout event: enough to alert on and to find the record, without reading it.
 */
public record OperationEvent(String operationId, String kind, String functionName, String status, String step,
                             Integer trafficPercent, String message, String outcomeCode, Instant at,
                             JsonNode details) {

    public static OperationEvent of(Operation operation, String message, JsonNode details, Instant at) {
        return new OperationEvent(operation.id(), operation.kind().name(), operation.functionName(),
                operation.status().name(), operation.currentStep(), operation.trafficPercent().orElse(null), message,
                operation.outcome().map(o -> o.code()).orElse(null), at, details);
    }
}

package io.lmi.controlplane.aws.ledger;

import io.lmi.controlplane.core.operation.Operation;

/** What happened when a request asked to start an operation on a function. */
public sealed interface StartResult {

    /** The operation started and holds the function's lock. */
    record Started(Operation operation) implements StartResult {
    }

    /** The same request (same request id) was seen before: this delivery joins that operation. */
    record Joined(String operationId) implements StartResult {
    }

    /** Another operation holds the function; nothing was started. */
    record Busy(String holderOperationId) implements StartResult {
    }
}

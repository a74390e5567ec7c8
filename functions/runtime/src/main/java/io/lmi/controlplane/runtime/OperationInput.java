package io.lmi.controlplane.runtime;

import io.lmi.controlplane.core.validation.Validatable;
import io.lmi.controlplane.core.validation.Validator;

/** The input of most workflow steps: the operation they work on; the ledger holds the rest. */
public record OperationInput(String operationId) implements Validatable {
    @Override
    public void validate() {
        Validator v = new Validator("step input");
        v.require("operationId", operationId, "pass $.operationId from the state machine");
        v.throwIfInvalid();
    }
}

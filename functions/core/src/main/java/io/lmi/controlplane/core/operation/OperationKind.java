package io.lmi.controlplane.core.operation;

/** What the control plane is doing to a function. One operation of any kind at a time per function. */
public enum OperationKind {
    /** Moving a standard Lambda function onto LMI, by shifting its triggers to a new LMI function. */
    MIGRATION,
    /** Shipping a new published version of an LMI function through a weighted alias. */
    ROLLOUT
}

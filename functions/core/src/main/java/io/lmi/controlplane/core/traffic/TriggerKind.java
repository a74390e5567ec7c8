package io.lmi.controlplane.core.traffic;

/**
 * How traffic reaches a function, and therefore how it can move to another function. An alias cannot span a standard
 * and an LMI function, so the first move of a migration happens where the function is triggered.
 */
public enum TriggerKind {
    /** SQS event source mapping: two mappings on one queue compete for messages; each message goes to one. */
    SQS(ShiftMechanism.WEIGHTED),
    /** Kinesis stream mapping: every consumer sees every record, so it moves at once, from its checkpoint. */
    KINESIS(ShiftMechanism.CUTOVER),
    /** DynamoDB stream mapping: as Kinesis. */
    DYNAMODB_STREAM(ShiftMechanism.CUTOVER),
    /** EventBridge rule target: the target is replaced in place, so each event goes to exactly one of the two. */
    EVENTBRIDGE_RULE(ShiftMechanism.CUTOVER),
    /** SNS subscription: every subscription gets every message, so it moves at once. */
    SNS(ShiftMechanism.CUTOVER),
    /** API Gateway REST API: a stage canary sends a share of requests to a deployment that targets the new function. */
    API_GATEWAY_REST(ShiftMechanism.WEIGHTED),
    /** ALB: a listener forwards to weighted target groups, one per function. */
    ALB(ShiftMechanism.WEIGHTED),
    /** Function URL: its clients call the URL; the team points them at the new function's URL. */
    FUNCTION_URL(ShiftMechanism.MANUAL),
    /** Direct Invoke callers (SDKs, other accounts, services we cannot redirect): the team switches them. */
    DIRECT(ShiftMechanism.MANUAL);

    private final ShiftMechanism mechanism;

    TriggerKind(ShiftMechanism mechanism) {
        this.mechanism = mechanism;
    }

    public ShiftMechanism mechanism() {
        return mechanism;
    }
}

package io.lmi.controlplane.aws.traffic;

/**
 * The types the shifters report to {@link ResourceRecorder}, and how each id is formed. An id is known before the
 * create call (the recorder persists it first), so where AWS assigns the id on creation (a mapping's UUID, a
 * subscription ARN, a deployment id) the recorded id is the natural key that finds the resource instead.
 */
public final class CreatedResources {
    /** {@code <event source ARN>|<function ARN>}: AWS allows one mapping per source and function ARN. */
    public static final String EVENT_SOURCE_MAPPING = "EVENT_SOURCE_MAPPING";
    /** {@code <qualified function ARN>|<statement id>}. */
    public static final String PERMISSION = "PERMISSION";
    /** The target group's name (unique in the account and region; its ARN carries a suffix AWS picks). */
    public static final String TARGET_GROUP = "TARGET_GROUP";
    /** The qualified ARN of the alias the URL belongs to (one URL per function or alias). */
    public static final String FUNCTION_URL = "FUNCTION_URL";
    /** {@code <topic ARN>|<endpoint>}: SNS keeps one subscription per topic, protocol and endpoint. */
    public static final String SUBSCRIPTION = "SUBSCRIPTION";
    /** {@code <REST API id>|<stage>|<operation id>}: the deployment whose description is {@link #canaryDescription}. */
    public static final String API_DEPLOYMENT = "API_DEPLOYMENT";

    private CreatedResources() {
    }

    public static String mappingId(String eventSourceArn, String functionArn) {
        return eventSourceArn + "|" + functionArn;
    }

    public static String permissionId(String functionArn, String statementId) {
        return functionArn + "|" + statementId;
    }

    public static String subscriptionId(String topicArn, String endpoint) {
        return topicArn + "|" + endpoint;
    }

    public static String deploymentId(String restApiId, String stageName, String operationId) {
        return restApiId + "|" + stageName + "|" + operationId;
    }

    /** The description of the canary deployment a migration makes on a stage; it finds the deployment again. */
    public static String canaryDescription(String stageName, String operationId) {
        return "lmi-control-plane canary of stage " + stageName + " for " + operationId;
    }
}

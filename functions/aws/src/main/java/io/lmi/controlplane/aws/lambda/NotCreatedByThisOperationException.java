package io.lmi.controlplane.aws.lambda;

/**
 * A resource the operation was about to create already exists and its {@link LmiFunctions#OPERATION_TAG} names
 * another operation, or none: it is someone else's, so the operation must neither record it as its own nor delete it.
 */
public final class NotCreatedByThisOperationException extends IllegalStateException {
    private final String resourceName;
    private final String owner;

    public NotCreatedByThisOperationException(String what, String resourceName, String owner, String operationId,
                                              String fix) {
        super(what + " " + resourceName + " already exists and was not created by " + operationId + " ("
                + describeOwner(owner) + "): " + fix);
        this.resourceName = resourceName;
        this.owner = owner;
    }

    public String resourceName() {
        return resourceName;
    }

    /** The operation its tag names, or null when it has no such tag (made outside the control plane). */
    public String owner() {
        return owner;
    }

    public static String describeOwner(String owner) {
        return owner == null ? "it has no " + LmiFunctions.OPERATION_TAG + " tag: made outside the control plane"
                : "tagged " + LmiFunctions.OPERATION_TAG + "=" + owner;
    }
}

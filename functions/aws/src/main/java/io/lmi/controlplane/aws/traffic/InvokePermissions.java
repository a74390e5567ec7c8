package io.lmi.controlplane.aws.traffic;

import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AddPermissionRequest;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Grants and revokes invoke permissions on the new function's alias. A grant is looked for before it is made and its
 * statement id is deterministic, so a retried step neither duplicates it nor fails on it.
 */
public final class InvokePermissions {
    static final String INVOKE = "lambda:InvokeFunction";

    private final LambdaClient lambda;
    private final FunctionPolicy policy;

    public InvokePermissions(LambdaClient lambda) {
        this.lambda = lambda;
        this.policy = new FunctionPolicy(lambda);
    }

    /**
     * What to allow on a qualified function ARN.
     *
     * @param functionArn the alias ARN the statement goes on
     * @param statementId a deterministic id ({@link StatementIds})
     */
    public record Grant(String functionArn, String statementId, String action, String principal, String sourceArn,
                        String sourceAccount, String functionUrlAuthType, Boolean invokedViaFunctionUrl) {

        public static Grant invoke(String functionArn, String statementId, String servicePrincipal, String sourceArn) {
            return new Grant(functionArn, statementId, INVOKE, servicePrincipal, sourceArn, null, null, null);
        }

        public String permissionId() {
            return CreatedResources.permissionId(functionArn, statementId);
        }
    }

    /** Makes sure the statement exists; returns its permission id ({@link CreatedResources#PERMISSION}). */
    public String grant(Grant grant, ResourceRecorder recorder, String owner) {
        boolean present = policy.statementsOf(grant.functionArn()).stream()
                .anyMatch(statement -> grant.statementId().equals(statement.sid()));
        if (!present) {
            recorder.creating(CreatedResources.PERMISSION, grant.permissionId(), owner);
            AddPermissionRequest.Builder request = AddPermissionRequest.builder()
                    .functionName(Arns.unqualified(grant.functionArn()))
                    .qualifier(Arns.qualifier(grant.functionArn()).orElse(null))
                    .statementId(grant.statementId())
                    .action(grant.action())
                    .principal(grant.principal())
                    .sourceArn(grant.sourceArn())
                    .sourceAccount(grant.sourceAccount())
                    .functionUrlAuthType(grant.functionUrlAuthType())
                    .invokedViaFunctionUrl(grant.invokedViaFunctionUrl());
            try {
                lambda.addPermission(request.build());
            } catch (ResourceConflictException alreadyThere) {
                // Another attempt of this same step granted it between our look and our call: the goal is met.
            }
        }
        return grant.permissionId();
    }

    /** Removes the statement named by a permission id; a statement that is already gone is fine. */
    public void revoke(String permissionId, ResourceRecorder recorder) {
        int separator = permissionId.lastIndexOf('|');
        if (separator < 0) {
            throw new IllegalArgumentException("'" + permissionId + "' is not a permission id (<function ARN>|<statement id>)");
        }
        String functionArn = permissionId.substring(0, separator);
        String statementId = permissionId.substring(separator + 1);
        try {
            lambda.removePermission(request -> request.functionName(Arns.unqualified(functionArn))
                    .qualifier(Arns.qualifier(functionArn).orElse(null))
                    .statementId(statementId));
        } catch (ResourceNotFoundException alreadyGone) {
            // Removed by an earlier attempt of this rollback.
        }
        recorder.deleted(CreatedResources.PERMISSION, permissionId);
    }
}

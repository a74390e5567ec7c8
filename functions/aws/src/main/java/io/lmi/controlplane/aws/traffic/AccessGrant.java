package io.lmi.controlplane.aws.traffic;

import java.util.ArrayList;
import java.util.List;

/**
 * One permission of the original function's resource policy, in the form AddPermission takes, so the same access can
 * be given to the new function's alias: callers the control plane cannot redirect need it before they switch.
 *
 * @param sid      the original statement's id (what the copy's deterministic id is derived from)
 * @param resource the function ARN the original statement is attached to (qualified for an alias or version)
 */
public record AccessGrant(String sid, String resource, String action, String principal, String sourceArn, String sourceAccount,
                          String functionUrlAuthType, Boolean invokedViaFunctionUrl) {

    /** One grant per action and principal of the statement (AddPermission takes one of each). */
    static List<AccessGrant> of(PolicyStatement statement) {
        List<String> principals = new ArrayList<>();
        if (statement.principalService() != null) {
            principals.add(statement.principalService());
        }
        principals.addAll(statement.principalAccounts());
        List<AccessGrant> grants = new ArrayList<>();
        for (String action : statement.actions()) {
            for (String principal : principals) {
                grants.add(new AccessGrant(statement.sid(), statement.resource(), action, principal, statement.sourceArn(),
                        statement.sourceAccount(), statement.functionUrlAuthType(),
                        statement.invokedViaFunctionUrl() ? Boolean.TRUE : null));
            }
        }
        return grants;
    }

    /** The same permission on {@code functionArn}, with a statement id this migration and key always compute alike. */
    InvokePermissions.Grant on(String functionArn, String operationId, String purpose, String key) {
        String statementId = StatementIds.of(operationId, purpose, key + "|" + sid + "|" + action + "|" + principal);
        return new InvokePermissions.Grant(functionArn, statementId, action, principal, sourceArn, sourceAccount,
                functionUrlAuthType, invokedViaFunctionUrl);
    }

    /** The caller, for people: the principal and, when it is scoped, the source it is scoped to. */
    String describeCaller() {
        return principal + (sourceArn != null ? " from " + sourceArn : "")
                + (sourceAccount != null ? " (account " + sourceAccount + ")" : "");
    }

    /** The caller and what it invokes. */
    String describeCall() {
        return describeCaller() + " invoking " + resource;
    }
}

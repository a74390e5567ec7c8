package io.lmi.controlplane.core.traffic;

/**
 * Where traffic goes: the original function (as its triggers named it) and the new LMI function's alias.
 *
 * @param originalFunctionArn the ARN the triggers invoke today (unqualified, or qualified by version or alias)
 * @param newFunctionArn      the LMI function's alias ARN: a stable target across later rollouts
 * @param newFunctionName     the LMI function's name
 * @param operationId         the migration, used to name what the shift creates and to tag it
 */
public record ShiftTarget(String originalFunctionArn, String newFunctionArn, String newFunctionName, String operationId) {
}

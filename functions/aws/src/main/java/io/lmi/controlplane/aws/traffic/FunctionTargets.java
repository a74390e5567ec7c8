package io.lmi.controlplane.aws.traffic;

import java.util.List;

/**
 * The original function as triggers may name it: its unqualified ARN and the ARNs of its aliases and versions.
 * A trigger that invokes any of them is a trigger of the function.
 */
public record FunctionTargets(String functionName, String functionArn, List<String> qualifiedArns) {
    public FunctionTargets {
        qualifiedArns = List.copyOf(qualifiedArns);
    }

    public boolean matches(String arn) {
        return functionArn.equals(arn) || qualifiedArns.contains(arn) || functionName.equals(arn);
    }
}

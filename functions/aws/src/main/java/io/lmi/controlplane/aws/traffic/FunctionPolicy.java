package io.lmi.controlplane.aws.traffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lmi.controlplane.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Reads a function's resource-based policies. AWS keeps one policy for the unqualified function and one per alias
 * and version, so a function's invokers are the union of all of them.
 */
public final class FunctionPolicy {
    private final LambdaClient lambda;

    public FunctionPolicy(LambdaClient lambda) {
        this.lambda = lambda;
    }

    /** Every Allow statement on the function, its aliases and its versions, each once. */
    public List<PolicyStatement> statements(FunctionTargets function) {
        Map<String, PolicyStatement> unique = new LinkedHashMap<>();
        List<String> arns = new ArrayList<>();
        arns.add(function.functionArn());
        arns.addAll(function.qualifiedArns());
        for (String arn : arns) {
            for (PolicyStatement statement : statementsOf(arn)) {
                // moto 5.2.1 returns a function's statements under every qualifier; AWS returns each once anyway.
                unique.putIfAbsent(statement.resource() + "|" + statement.sid(), statement);
            }
        }
        return List.copyOf(unique.values());
    }

    /** The statements of one policy: the unqualified function's, or one alias's or version's. */
    public List<PolicyStatement> statementsOf(String functionArn) {
        String policy;
        try {
            policy = lambda.getPolicy(request -> request.functionName(Arns.unqualified(functionArn))
                    .qualifier(Arns.qualifier(functionArn).orElse(null))).policy();
        } catch (ResourceNotFoundException noPolicy) {
            return List.of();
        }
        try {
            return PolicyStatement.parse(Json.mapper().readTree(policy));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the resource policy of " + functionArn + " is not JSON: " + policy, e);
        }
    }
}

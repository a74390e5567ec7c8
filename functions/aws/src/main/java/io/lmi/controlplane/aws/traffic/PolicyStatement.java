package io.lmi.controlplane.aws.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One statement of a function's resource-based policy, reduced to what tells who invokes it and from where.
 *
 * @param sid                   the statement id
 * @param resource              the function ARN the statement is attached to (qualified for an alias or version)
 * @param actions               e.g. {@code lambda:InvokeFunction}, {@code lambda:InvokeFunctionUrl}
 * @param principalService      a service principal such as {@code events.amazonaws.com}, or null
 * @param principalAccounts     AWS principals (account ids, account root or role ARNs, or {@code *})
 * @param sourceArn             the {@code AWS:SourceArn} condition, or null
 * @param sourceAccount         the {@code AWS:SourceAccount} condition, or null
 * @param functionUrlAuthType   the {@code lambda:FunctionUrlAuthType} condition, or null
 * @param invokedViaFunctionUrl whether the statement only allows invocations through a function URL
 */
public record PolicyStatement(String sid, String resource, List<String> actions, String principalService,
                              List<String> principalAccounts, String sourceArn, String sourceAccount,
                              String functionUrlAuthType, boolean invokedViaFunctionUrl) {

    public PolicyStatement {
        actions = List.copyOf(actions);
        principalAccounts = List.copyOf(principalAccounts);
    }

    /** Allow statements of one policy document ({@code GetPolicy}'s {@code Policy} string, parsed). */
    static List<PolicyStatement> parse(JsonNode policy) {
        List<PolicyStatement> statements = new ArrayList<>();
        JsonNode list = policy.path("Statement");
        for (JsonNode statement : list.isArray() ? list : List.of(list)) {
            if (statement.isMissingNode() || !"Allow".equals(statement.path("Effect").asText("Allow"))) {
                continue;
            }
            statements.add(of(statement));
        }
        return statements;
    }

    private static PolicyStatement of(JsonNode statement) {
        JsonNode principal = statement.path("Principal");
        String service = null;
        List<String> accounts = new ArrayList<>();
        if (principal.isTextual()) {
            if (principal.asText().endsWith(".amazonaws.com")) {
                service = principal.asText();
            } else {
                accounts.add(principal.asText());
            }
        } else {
            service = texts(principal.path("Service")).stream().findFirst().orElse(null);
            accounts.addAll(texts(principal.path("AWS")));
        }
        JsonNode condition = statement.path("Condition");
        String urlAuthType = condition("lambda:FunctionUrlAuthType", condition);
        if (urlAuthType == null && statement.hasNonNull("FunctionUrlAuthType")) {
            // moto 5.2.1 writes the condition as a top-level member of the statement.
            urlAuthType = statement.get("FunctionUrlAuthType").asText();
        }
        return new PolicyStatement(statement.path("Sid").asText(null), statement.path("Resource").asText(null),
                texts(statement.path("Action")), service, accounts, condition("AWS:SourceArn", condition),
                condition("AWS:SourceAccount", condition), urlAuthType,
                "true".equalsIgnoreCase(condition("lambda:InvokedViaFunctionUrl", condition)));
    }

    /** A condition key's value under any operator (ArnLike, ArnEquals, StringEquals, Bool...), keys compared as IAM does. */
    private static String condition(String key, JsonNode condition) {
        for (Iterator<Map.Entry<String, JsonNode>> operators = condition.fields(); operators.hasNext(); ) {
            for (Iterator<Map.Entry<String, JsonNode>> keys = operators.next().getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = keys.next();
                if (entry.getKey().equalsIgnoreCase(key)) {
                    return texts(entry.getValue()).stream().findFirst().orElse(null);
                }
            }
        }
        return null;
    }

    private static List<String> texts(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(item -> values.add(item.asText()));
        }
        return values;
    }

    /** Whether the statement lets its principal call Invoke (not only through a function URL). */
    public boolean allowsInvoke() {
        return !invokedViaFunctionUrl && actions.stream().anyMatch(action ->
                action.equalsIgnoreCase("lambda:InvokeFunction") || action.equals("lambda:*") || action.equals("*")
                        || action.equalsIgnoreCase("lambda:Invoke*"));
    }

    /** Whether the statement is part of a function URL's access (the URL action, or Invoke only through the URL). */
    public boolean isFunctionUrlAccess() {
        return invokedViaFunctionUrl || functionUrlAuthType != null
                || actions.stream().anyMatch(action -> action.equalsIgnoreCase("lambda:InvokeFunctionUrl"));
    }

    public boolean isFrom(String service) {
        return service.equals(principalService);
    }
}

package io.lmi.controlplane.aws.schedule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/**
 * The functions a tag selector governs: LMI functions carrying every tag of the selector with its value. Resolved
 * again at every wake-up, so a function tagged later joins the schedule at its next transition, and one that loses
 * its tag leaves it (and gets its default back).
 */
public final class TaggedFunctions {
    private final LambdaClient lambda;
    private final FunctionNamePattern managed;

    public TaggedFunctions(LambdaClient lambda) {
        this(lambda, FunctionNamePattern.ANY);
    }

    /** @param managed the functions the control plane may read ({@code ManagedFunctionNamePattern}) */
    public TaggedFunctions(LambdaClient lambda, FunctionNamePattern managed) {
        this.lambda = lambda;
        this.managed = managed;
    }

    /** Names of the LMI functions whose tags include all of {@code tags}, in ListFunctions order. */
    public List<String> matching(Map<String, String> tags) {
        return List.copyOf(matchingWithTags(tags).keySet());
    }

    /**
     * The same, with every tag of each: what telling whether another selector also matches needs. Only functions
     * whose names the managed pattern matches are asked for their tags (the others' ListTags is denied).
     */
    public Map<String, Map<String, String>> matchingWithTags(Map<String, String> tags) {
        Map<String, Map<String, String>> found = new LinkedHashMap<>();
        for (FunctionConfiguration function : lambda.listFunctionsPaginator(r -> { }).functions()) {
            if (function.capacityProviderConfig() == null
                    || function.capacityProviderConfig().lambdaManagedInstancesCapacityProviderConfig() == null
                    || !managed.matches(function.functionName())) {
                continue;
            }
            Map<String, String> functionTags = tagsOf(function.functionArn());
            if (selects(tags, functionTags)) {
                found.put(function.functionName(), functionTags);
            }
        }
        return found;
    }

    /** The tags of one function (by ARN); empty when it has none. */
    public Map<String, String> tagsOf(String functionArn) {
        return lambda.listTags(r -> r.resource(functionArn)).tags();
    }

    /** Whether a selector's tags are all among a function's, each with its value. */
    static boolean selects(Map<String, String> selector, Map<String, String> functionTags) {
        return selector.entrySet().stream().allMatch(tag -> tag.getValue().equals(functionTags.get(tag.getKey())));
    }
}

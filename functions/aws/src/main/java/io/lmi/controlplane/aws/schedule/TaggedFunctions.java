package io.lmi.controlplane.aws.schedule;

import java.util.ArrayList;
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

    public TaggedFunctions(LambdaClient lambda) {
        this.lambda = lambda;
    }

    /** Names of the LMI functions whose tags include all of {@code tags}, in ListFunctions order. */
    public List<String> matching(Map<String, String> tags) {
        List<String> names = new ArrayList<>();
        for (FunctionConfiguration function : lambda.listFunctionsPaginator(r -> { }).functions()) {
            if (function.capacityProviderConfig() == null
                    || function.capacityProviderConfig().lambdaManagedInstancesCapacityProviderConfig() == null) {
                continue;
            }
            Map<String, String> functionTags = lambda.listTags(r -> r.resource(function.functionArn())).tags();
            if (tags.entrySet().stream().allMatch(tag -> tag.getValue().equals(functionTags.get(tag.getKey())))) {
                names.add(function.functionName());
            }
        }
        return names;
    }
}

package io.lmi.controlplane.aws.schedule;

import io.lmi.controlplane.aws.lambda.LmiFunctions;
import io.lmi.controlplane.core.schedule.ManagedInstancesCheck;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

/**
 * The core's {@link ManagedInstancesCheck} answered by Lambda: the function exists and has a capacity provider
 * configuration. GetFunctionConfiguration is the one call that tells (lambda:GetFunctionConfiguration only), so
 * admission needs no broader read permission. Whether the version exists is {@link #versionProblem}'s question,
 * reported against the qualifier.
 */
public final class LambdaManagedInstancesCheck implements ManagedInstancesCheck {
    private final LmiFunctions functions;

    public LambdaManagedInstancesCheck(LmiFunctions functions) {
        this.functions = functions;
    }

    @Override
    public Optional<String> problemWith(String function, String qualifier) {
        Optional<GetFunctionConfigurationResponse> latest = functions.configuration(function);
        if (latest.isEmpty()) {
            return Optional.of("there is no function " + function + " in this account and region");
        }
        if (!isManaged(latest.get())) {
            return Optional.of(function + " has no capacity provider configuration: it runs on Lambda (default), where "
                    + "scaling configs do not apply");
        }
        return Optional.empty();
    }

    /** Empty when {@code qualifier} is a version of {@code function} that PutFunctionScalingConfig can set now. */
    public Optional<String> versionProblem(String function, String qualifier) {
        if (functions.configuration(function, qualifier).isPresent()) {
            return Optional.empty();
        }
        if (ScheduleQualifiers.LATEST_PUBLISHED.equals(qualifier)) {
            return Optional.of(function + " has no " + qualifier + " version yet, so there is nothing to set now; "
                    + "publish one (PublishVersion with PublishTo LATEST_PUBLISHED) or give a version number");
        }
        return Optional.of(function + " has no version " + qualifier + "; give a published version "
                + "(aws lambda list-versions-by-function) or " + ScheduleQualifiers.LATEST_PUBLISHED);
    }

    static boolean isManaged(GetFunctionConfigurationResponse configuration) {
        return configuration.capacityProviderConfig() != null
                && configuration.capacityProviderConfig().lambdaManagedInstancesCapacityProviderConfig() != null;
    }
}

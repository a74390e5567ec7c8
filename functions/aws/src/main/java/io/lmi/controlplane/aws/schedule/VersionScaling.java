package io.lmi.controlplane.aws.schedule;

import io.lmi.controlplane.aws.lambda.LmiFunctions;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.model.GetFunctionScalingConfigResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Reads and sets one version's scaling config (PutFunctionScalingConfig is asynchronous: Applied follows Requested). */
public final class VersionScaling {

    /** What a version was asked to run with, and what is in effect (they differ while a change is applied). */
    public record Current(Scaling requested, Scaling applied) {
    }

    private final LmiFunctions functions;

    public VersionScaling(LmiFunctions functions) {
        this.functions = functions;
    }

    /** Empty when the function or the version does not exist (any more). */
    public Optional<Current> read(String function, String qualifier) {
        try {
            GetFunctionScalingConfigResponse response = functions.scaling(function, qualifier);
            return Optional.of(new Current(Scaling.of(response.requestedFunctionScalingConfig()),
                    Scaling.of(response.appliedFunctionScalingConfig())));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Sets Min and Max together: an unspecified one would revert to its default. */
    public void put(String function, String qualifier, Scaling scaling) {
        functions.putScaling(function, qualifier, scaling.min(), scaling.max());
    }
}

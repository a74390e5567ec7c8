package io.lmi.controlplane.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;

/** What a step may know about its invocation, without depending on Lambda types in the core. */
public final class StepContext {
    private final Context lambdaContext;

    StepContext(Context lambdaContext) {
        this.lambdaContext = lambdaContext;
    }

    public String requestId() {
        return lambdaContext.getAwsRequestId();
    }

    /** Time left before Lambda stops this invocation: long loops must stop well before it runs out. */
    public Duration remainingTime() {
        return Duration.ofMillis(lambdaContext.getRemainingTimeInMillis());
    }

    public String functionName() {
        return lambdaContext.getFunctionName();
    }
}

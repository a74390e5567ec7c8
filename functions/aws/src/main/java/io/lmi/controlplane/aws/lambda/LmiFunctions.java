package io.lmi.controlplane.aws.lambda;

import io.lmi.controlplane.core.function.FunctionSnapshot;
import io.lmi.controlplane.core.migration.FunctionCopyPlan;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionScalingConfigResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The LMI side of a migration or rollout: create the LMI copy of a function, publish versions, give them scaling
 * configs, point aliases at them, and delete what a failed migration created.
 */
public final class LmiFunctions {

    /** Direct upload limit of CreateFunction's ZipFile (50 MB zipped). */
    public static final long MAX_DIRECT_UPLOAD_BYTES = 50L * 1024 * 1024;
    /** Tag on everything the control plane creates: which operation made it. */
    public static final String OPERATION_TAG = "lmi:operation";
    public static final String SOURCE_TAG = "lmi:migrated-from";

    private final LambdaClient lambda;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    public LmiFunctions(LambdaClient lambda) {
        this.lambda = lambda;
    }

    /**
     * Creates the LMI function as a copy of {@code original}: same code, handler, environment, layers, role, timeout,
     * logging and tags; size and architecture from the plan. Idempotent: an existing function of that name created
     * by the same operation is returned as it is.
     */
    public String createCopy(FunctionSnapshot original, FunctionCopyPlan plan, String capacityProviderArn, String operationId) {
        Optional<String> existing = ownedBy(plan.name(), operationId);
        if (existing.isPresent()) {
            return existing.get();
        }
        Map<String, String> tags = new HashMap<>(original.tags());
        tags.keySet().removeIf(key -> key.startsWith("aws:"));
        tags.put(OPERATION_TAG, operationId);
        tags.put(SOURCE_TAG, original.name());
        CreateFunctionRequest.Builder request = CreateFunctionRequest.builder()
                .functionName(plan.name())
                .role(original.roleArn())
                .timeout(original.timeoutSeconds())
                .memorySize(plan.memoryMb())
                .architecturesWithStrings(plan.architecture())
                .description(truncate("LMI copy of " + original.name()
                        + (original.description() == null || original.description().isBlank() ? "" : ": " + original.description()), 256))
                .environment(e -> e.variables(original.environment()))
                .tags(tags)
                .capacityProviderConfig(c -> c.lambdaManagedInstancesCapacityProviderConfig(l -> l
                        .capacityProviderArn(capacityProviderArn)
                        .executionEnvironmentMemoryGiBPerVCpu(plan.memoryGiBPerVCpu())
                        .perExecutionEnvironmentMaxConcurrency(plan.perExecutionEnvironmentMaxConcurrency())));
        if (original.isImage()) {
            request.packageType("Image").code(c -> c.imageUri(original.imageUri()));
        } else {
            byte[] zip = download(original.name());
            request.packageType("Zip").runtime(plan.runtime()).handler(original.handler())
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(zip)));
            if (!original.layers().isEmpty()) {
                request.layers(original.layers().stream().map(FunctionSnapshot.Layer::arn).toList());
            }
        }
        if (original.ephemeralStorageMb() > 512) {
            request.ephemeralStorage(e -> e.size(original.ephemeralStorageMb()));
        }
        if (original.tracingMode() != null) {
            request.tracingConfig(t -> t.mode(original.tracingMode()));
        }
        if (original.kmsKeyArn() != null) {
            request.kmsKeyArn(original.kmsKeyArn());
        }
        if (original.deadLetterTargetArn() != null) {
            request.deadLetterConfig(d -> d.targetArn(original.deadLetterTargetArn()));
        }
        request.loggingConfig(l -> {
            l.logFormat("JSON");
            // A custom group is where the team's retention, subscriptions and metric filters are; the default
            // group follows the function's name, so the copy gets its own.
            String logGroup = FunctionCopyPlan.copiedLogGroup(original);
            if (logGroup != null) {
                l.logGroup(logGroup);
            }
            if (original.applicationLogLevel() != null) {
                l.applicationLogLevel(original.applicationLogLevel());
            }
            if (original.systemLogLevel() != null) {
                l.systemLogLevel(original.systemLogLevel());
            }
        });
        try {
            return lambda.createFunction(request.build()).functionArn();
        } catch (ResourceConflictException e) {
            // A retry after the create succeeded but before its response was recorded, or someone else's function
            // created since the check above.
            return ownedBy(plan.name(), operationId).orElseThrow(() -> e);
        }
    }

    /**
     * The ARN of function {@code name} if {@code operationId} created it; empty if there is no such function.
     *
     * @throws NotCreatedByThisOperationException if it exists and is someone else's
     */
    public Optional<String> ownedBy(String name, String operationId) {
        Optional<GetFunctionConfigurationResponse> existing = configuration(name);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        String owner = operationTag(existing.get().functionArn());
        if (operationId.equals(owner)) {
            return Optional.of(existing.get().functionArn());
        }
        throw new NotCreatedByThisOperationException("function", name, owner, operationId,
                "choose another lmiFunctionName, or delete that function first if nothing uses it");
    }

    private String operationTag(String functionArn) {
        return lambda.listTags(r -> r.resource(functionArn)).tags().get(OPERATION_TAG);
    }

    /** The original's deployment package, from the presigned location GetFunction returns. */
    private byte[] download(String functionName) {
        String location = lambda.getFunction(r -> r.functionName(functionName)).code().location();
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(location))
                    .timeout(Duration.ofMinutes(2)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("downloading the code of " + functionName + " answered HTTP "
                        + response.statusCode());
            }
            if (response.body().length > MAX_DIRECT_UPLOAD_BYTES) {
                throw new IllegalStateException("the code of " + functionName + " is " + response.body().length
                        + " bytes zipped, above CreateFunction's 50 MB direct upload: package it as a container image, "
                        + "or deploy the LMI function with SAM (see README, 'Large packages')");
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot download the code of " + functionName + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while downloading the code of " + functionName, e);
        }
    }

    /** The name of the capacity provider LMI function {@code functionName} runs on. */
    public String capacityProviderName(String functionName) {
        String arn = configuration(functionName).orElseThrow().capacityProviderConfig()
                .lambdaManagedInstancesCapacityProviderConfig().capacityProviderArn();
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

    public Optional<GetFunctionConfigurationResponse> configuration(String functionName) {
        try {
            return Optional.of(lambda.getFunctionConfiguration(r -> r.functionName(functionName)));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    public Optional<GetFunctionConfigurationResponse> configuration(String functionName, String qualifier) {
        try {
            return Optional.of(lambda.getFunctionConfiguration(r -> r.functionName(functionName).qualifier(qualifier)));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** A published version and the state it reported. */
    public record PublishedVersion(String version, String arn, String state, String stateReason, String stateReasonCode) {
    }

    /** Publishes $LATEST as a new numbered version; on LMI the version starts Pending while capacity comes up. */
    public PublishedVersion publish(String functionName, String description) {
        var published = lambda.publishVersion(r -> r.functionName(functionName).description(truncate(description, 256)));
        return new PublishedVersion(published.version(), published.functionArn(), published.stateAsString(),
                published.stateReason(), published.stateReasonCodeAsString());
    }

    /** The state of a published version: Pending, Active, Failed (with the reason Lambda gives). */
    public PublishedVersion version(String functionName, String version) {
        var c = lambda.getFunctionConfiguration(r -> r.functionName(functionName).qualifier(version));
        return new PublishedVersion(c.version(), c.functionArn(), c.stateAsString(), c.stateReason(),
                c.stateReasonCodeAsString());
    }

    /** Always sends Min and Max together: an unspecified one reverts to its default. */
    public void putScaling(String functionName, String version, int min, Integer max) {
        lambda.putFunctionScalingConfig(r -> r.functionName(functionName).qualifier(version)
                .functionScalingConfig(f -> f.minExecutionEnvironments(min).maxExecutionEnvironments(max)));
    }

    public GetFunctionScalingConfigResponse scaling(String functionName, String version) {
        return lambda.getFunctionScalingConfig(r -> r.functionName(functionName).qualifier(version));
    }

    /** An alias: its ARN, main version, and the version it sends a share to (with that share, 0-1). */
    public record Alias(String name, String arn, String version, String canaryVersion, double canaryWeight) {
    }

    /** Creates {@code alias} on {@code version}, or moves it there with no additional weights; returns its ARN. */
    public String pointAlias(String functionName, String alias, String version, String description) {
        try {
            return lambda.createAlias(r -> r.functionName(functionName).name(alias).functionVersion(version)
                    .description(description)).aliasArn();
        } catch (ResourceConflictException e) {
            return lambda.updateAlias(r -> r.functionName(functionName).name(alias).functionVersion(version)
                    .routingConfig(rc -> rc.additionalVersionWeights(Map.of()))).aliasArn();
        }
    }

    public Optional<Alias> alias(String functionName, String alias) {
        try {
            var found = lambda.getAlias(r -> r.functionName(functionName).name(alias));
            Map<String, Double> weights = found.routingConfig() == null ? Map.of()
                    : found.routingConfig().additionalVersionWeights();
            Map.Entry<String, Double> canary = weights.entrySet().stream().findFirst().orElse(null);
            return Optional.of(new Alias(found.name(), found.aliasArn(), found.functionVersion(),
                    canary == null ? null : canary.getKey(), canary == null ? 0.0 : canary.getValue()));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Routes {@code weight} (0-1) of the alias's traffic to {@code canaryVersion}, the rest to its main version. */
    public void weightAlias(String functionName, String alias, String mainVersion, String canaryVersion, double weight) {
        lambda.updateAlias(r -> r.functionName(functionName).name(alias).functionVersion(mainVersion)
                .routingConfig(rc -> rc.additionalVersionWeights(
                        weight <= 0 ? Map.of() : Map.of(canaryVersion, weight))));
    }

    /** Deletes a whole function (every version and alias); gone already counts as done. */
    public void deleteFunction(String functionName) {
        try {
            lambda.deleteFunction(r -> r.functionName(functionName));
        } catch (ResourceNotFoundException e) {
            // Already deleted: cleanup is idempotent.
        }
    }

    public void deleteVersion(String functionName, String version) {
        try {
            lambda.deleteFunction(r -> r.functionName(functionName).qualifier(version));
        } catch (ResourceNotFoundException e) {
            // Already deleted.
        }
    }

    public void deleteAlias(String functionName, String alias) {
        try {
            lambda.deleteAlias(r -> r.functionName(functionName).name(alias));
        } catch (ResourceNotFoundException e) {
            // Already deleted.
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}

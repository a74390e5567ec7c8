package io.lmi.controlplane.aws.lambda;

import io.lmi.controlplane.core.migration.CapacityProviderSettings;
import io.lmi.controlplane.core.recommend.LmiConfiguration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CapacityProvider;
import software.amazon.awssdk.services.lambda.model.CapacityProviderPredefinedMetricType;
import software.amazon.awssdk.services.lambda.model.CapacityProviderScalingMode;
import software.amazon.awssdk.services.lambda.model.CapacityProviderState;
import software.amazon.awssdk.services.lambda.model.CreateCapacityProviderRequest;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TargetTrackingScalingPolicy;

/**
 * Capacity providers: find one that can be reused, create one, read its state, delete it. Writes are limited by AWS
 * to 1 per second for the whole account; the SDK's standard retries back off on the resulting 429s.
 */
public final class CapacityProviders {

    private final LambdaClient lambda;

    public CapacityProviders(LambdaClient lambda) {
        this.lambda = lambda;
    }

    /**
     * A capacity provider as the control plane needs to see it.
     *
     * @param allowedInstanceTypes empty when Lambda may choose any instance type
     */
    public record View(String name, String arn, String state, String architecture, List<String> subnetIds,
                       List<String> securityGroupIds, String operatorRoleArn, Integer maxVCpuCount,
                       List<String> allowedInstanceTypes) {
        public boolean isActive() {
            return CapacityProviderState.ACTIVE.toString().equals(state);
        }

        public boolean isFailed() {
            return CapacityProviderState.FAILED.toString().equals(state);
        }
    }

    public Optional<View> find(String nameOrArn) {
        try {
            return Optional.of(view(lambda.getCapacityProvider(r -> r.capacityProviderName(nameOrArn)).capacityProvider()));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * An Active capacity provider this function can share, if one exists: the same architecture, subnets, security
     * groups and operator role (functions on one provider share its instances), and room for the recommendation.
     */
    public Optional<View> findReusable(CapacityProviderSettings settings, LmiConfiguration.CapacityProvider needed) {
        for (CapacityProvider provider : lambda.listCapacityProvidersPaginator(r -> r.state(CapacityProviderState.ACTIVE))
                .capacityProviders()) {
            View view = view(provider);
            if (matches(view, settings, needed)) {
                return Optional.of(view);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code view} is on this network with this operator role, and {@link #fits fits} {@code needed}. */
    public static boolean matches(View view, CapacityProviderSettings settings, LmiConfiguration.CapacityProvider needed) {
        return new TreeSet<>(view.subnetIds()).equals(new TreeSet<>(settings.subnetIds()))
                && new TreeSet<>(view.securityGroupIds()).equals(new TreeSet<>(orEmpty(settings.securityGroupIds())))
                && view.operatorRoleArn().equals(settings.operatorRoleArn())
                && fits(view, needed) == null;
    }

    /**
     * Why {@code view} cannot carry what the recommendation sized, or null if it can: another architecture; a
     * MaxVCpuCount below the recommendation's (the provider would stop scaling before this function alone reached its
     * peak, let alone beside the functions already on it); or instance types narrower than the recommended ones.
     */
    public static String fits(View view, LmiConfiguration.CapacityProvider needed) {
        if (!view.architecture().equals(needed.architecture())) {
            return "it runs " + view.architecture() + ", not " + needed.architecture();
        }
        if (view.maxVCpuCount() != null && view.maxVCpuCount() < needed.maxVCpuCount()) {
            return "its MaxVCpuCount " + view.maxVCpuCount() + " is below the " + needed.maxVCpuCount() + " this function needs";
        }
        if (!view.allowedInstanceTypes().isEmpty() && !needed.allowedInstanceTypes().isEmpty()
                && !view.allowedInstanceTypes().containsAll(needed.allowedInstanceTypes())) {
            return "it allows only instance types " + view.allowedInstanceTypes() + ", not all of "
                    + needed.allowedInstanceTypes();
        }
        return null;
    }

    /** Which operation created it (its {@link LmiFunctions#OPERATION_TAG}); null when untagged. */
    public String creator(View view) {
        return lambda.listTags(r -> r.resource(view.arn())).tags().get(LmiFunctions.OPERATION_TAG);
    }

    /**
     * The name a new provider for this network, architecture and size gets: stable, so a retried create finds the one
     * the first attempt made instead of making a second; and different for another size, so that a function that
     * needs more than an existing provider offers gets one of its own rather than a name clash.
     */
    public static String nameFor(CapacityProviderSettings settings, LmiConfiguration.CapacityProvider config) {
        if (settings.name() != null) {
            return settings.name();
        }
        String architecture = config.architecture();
        String key = architecture + "|" + new TreeSet<>(settings.subnetIds()) + "|"
                + new TreeSet<>(orEmpty(settings.securityGroupIds())) + "|" + settings.operatorRoleArn() + "|"
                + config.maxVCpuCount() + "|" + new TreeSet<>(config.allowedInstanceTypes());
        return "lmi-" + architecture.replace("_", "") + "-" + sha256(key).substring(0, 12);
    }

    /**
     * Creates it (HTTP 202: it starts Pending). An existing provider of that name is returned if {@code operationId}
     * created it (a retry), else {@link NotCreatedByThisOperationException} says whose it is.
     */
    public View create(String name, CapacityProviderSettings settings, LmiConfiguration.CapacityProvider config,
                       String operationId, Map<String, String> tags) {
        CreateCapacityProviderRequest.Builder request = CreateCapacityProviderRequest.builder()
                .capacityProviderName(name)
                .vpcConfig(v -> v.subnetIds(settings.subnetIds()).securityGroupIds(orEmpty(settings.securityGroupIds())))
                .permissionsConfig(p -> p.capacityProviderOperatorRoleArn(settings.operatorRoleArn()))
                .instanceRequirements(i -> {
                    i.architecturesWithStrings(config.architecture());
                    if (!config.allowedInstanceTypes().isEmpty()) {
                        i.allowedInstanceTypes(config.allowedInstanceTypes());
                    }
                })
                .capacityProviderScalingConfig(s -> {
                    s.maxVCpuCount(config.maxVCpuCount());
                    if (config.targetCpuUtilization() == null) {
                        s.scalingMode(CapacityProviderScalingMode.AUTO);
                    } else {
                        s.scalingMode(CapacityProviderScalingMode.MANUAL).scalingPolicies(TargetTrackingScalingPolicy.builder()
                                .predefinedMetricType(CapacityProviderPredefinedMetricType.LAMBDA_CAPACITY_PROVIDER_AVERAGE_CPU_UTILIZATION)
                                .targetValue(config.targetCpuUtilization()).build());
                    }
                })
                .tags(withOperation(tags, operationId));
        try {
            return view(lambda.createCapacityProvider(request.build()).capacityProvider());
        } catch (ResourceConflictException e) {
            View existing = find(name).orElseThrow(() -> e);
            String owner = creator(existing);
            if (operationId.equals(owner)) {
                return existing;
            }
            throw new NotCreatedByThisOperationException("capacity provider", name, owner, operationId,
                    "it is " + existing.state() + "; name another capacityProvider.name, or retry once it is Active");
        }
    }

    /** Starts deleting it; refused (409) while function versions are attached, which is reported, not hidden. */
    public DeleteResult delete(String name) {
        try {
            lambda.deleteCapacityProvider(r -> r.capacityProviderName(name));
            return DeleteResult.DELETING;
        } catch (ResourceNotFoundException e) {
            return DeleteResult.GONE;
        } catch (ResourceConflictException e) {
            return DeleteResult.IN_USE;
        }
    }

    public enum DeleteResult { DELETING, GONE, IN_USE }

    /** LMI's hard limit of function versions per capacity provider (Developer Guide, LMI quotas; not adjustable). */
    public static final int VERSIONS_PER_CAPACITY_PROVIDER = 100;

    /**
     * Refuses, before anything is published, a publish that would exceed {@link #VERSIONS_PER_CAPACITY_PROVIDER}:
     * the versions of every function on the provider count, and LMI's own refusal names no way out.
     */
    public void requireVersionSlot(String name) {
        int attached = attachedVersions(name).size();
        if (attached >= VERSIONS_PER_CAPACITY_PROVIDER) {
            throw new IllegalStateException("capacity provider " + name + " already has " + attached
                    + " function versions attached, LMI's hard limit of " + VERSIONS_PER_CAPACITY_PROVIDER
                    + " per capacity provider, so nothing was published: delete versions no alias needs "
                    + "(ListFunctionVersionsByCapacityProvider lists them; a rollout's retention policy deletes all "
                    + "but keepReady + keepDeactivated of each function it promotes), then retry");
        }
    }

    public List<String> attachedVersions(String name) {
        return lambda.listFunctionVersionsByCapacityProviderPaginator(r -> r.capacityProviderName(name))
                .functionVersions().stream().map(v -> v.functionArn()).toList();
    }

    private static View view(CapacityProvider p) {
        return new View(nameOf(p.capacityProviderArn()), p.capacityProviderArn(), p.stateAsString(),
                p.instanceRequirements() == null || p.instanceRequirements().architecturesAsStrings().isEmpty()
                        ? "x86_64" : p.instanceRequirements().architecturesAsStrings().get(0),
                p.vpcConfig().subnetIds(), orEmpty(p.vpcConfig().securityGroupIds()),
                p.permissionsConfig().capacityProviderOperatorRoleArn(),
                p.capacityProviderScalingConfig() == null ? null : p.capacityProviderScalingConfig().maxVCpuCount(),
                p.instanceRequirements() == null ? List.of() : orEmpty(p.instanceRequirements().allowedInstanceTypes()));
    }

    private static String nameOf(String arn) {
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

    private static Map<String, String> withOperation(Map<String, String> tags, String operationId) {
        Map<String, String> all = new java.util.HashMap<>(tags);
        all.put(LmiFunctions.OPERATION_TAG, operationId);
        return all;
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

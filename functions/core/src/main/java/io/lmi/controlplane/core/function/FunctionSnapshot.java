package io.lmi.controlplane.core.function;

import java.util.List;
import java.util.Map;

/**
 * A Lambda function's configuration as read from the account: what the assessment judges and what the migration
 * copies onto LMI. Plain data, so the core's rules can be tested without AWS.
 *
 * @param capacityProviderArn non-null when the function already runs on LMI
 * @param snapStart           "PublishedVersions" when SnapStart is on
 * @param provisionedConcurrency total provisioned concurrency configured on its versions and aliases
 * @param layers              layer version ARNs with the architectures each declares compatible (empty = unknown)
 */
public record FunctionSnapshot(String name, String arn, String runtime, String handler, String packageType,
                               String imageUri, int memoryMb, int timeoutSeconds, int ephemeralStorageMb,
                               String architecture, String roleArn, Map<String, String> environment,
                               List<Layer> layers, boolean inVpc, List<String> vpcSubnetIds, String snapStart,
                               int provisionedConcurrency, Integer reservedConcurrency, String tracingMode,
                               String logFormat, String logGroup, String applicationLogLevel, String systemLogLevel,
                               String kmsKeyArn, String deadLetterTargetArn, Map<String, String> tags,
                               String capacityProviderArn, List<String> aliases, String description) {

    public FunctionSnapshot {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        layers = layers == null ? List.of() : List.copyOf(layers);
        vpcSubnetIds = vpcSubnetIds == null ? List.of() : List.copyOf(vpcSubnetIds);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    public boolean onLmi() {
        return capacityProviderArn != null;
    }

    public boolean isImage() {
        return "Image".equals(packageType);
    }

    /** @param compatibleArchitectures what the layer version declares; empty when it declares nothing */
    public record Layer(String arn, List<String> compatibleArchitectures) {
        public Layer {
            compatibleArchitectures = compatibleArchitectures == null ? List.of() : List.copyOf(compatibleArchitectures);
        }
    }
}

package io.lmi.controlplane.aws.lambda;

import io.lmi.controlplane.core.function.FunctionSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Reads a function's configuration into a {@link FunctionSnapshot}. Read-only. */
public final class FunctionReader {
    private final LambdaClient lambda;

    public FunctionReader(LambdaClient lambda) {
        this.lambda = lambda;
    }

    /** The function, or empty when it does not exist. */
    public Optional<FunctionSnapshot> read(String functionName) {
        GetFunctionResponse function;
        try {
            function = lambda.getFunction(r -> r.functionName(functionName));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
        FunctionConfiguration c = function.configuration();
        List<String> aliases = new ArrayList<>();
        lambda.listAliasesPaginator(r -> r.functionName(functionName)).aliases().forEach(a -> aliases.add(a.name()));
        List<FunctionSnapshot.Layer> layers = new ArrayList<>();
        if (c.layers() != null) {
            c.layers().forEach(layer -> layers.add(new FunctionSnapshot.Layer(layer.arn(), layerArchitectures(layer.arn()))));
        }
        return Optional.of(new FunctionSnapshot(
                c.functionName(), c.functionArn(), c.runtimeAsString(), c.handler(), c.packageTypeAsString(),
                function.code() == null ? null : function.code().imageUri(),
                orZero(c.memorySize()), orZero(c.timeout()),
                c.ephemeralStorage() == null ? 512 : orZero(c.ephemeralStorage().size()),
                c.architecturesAsStrings() == null || c.architecturesAsStrings().isEmpty() ? "x86_64"
                        : c.architecturesAsStrings().get(0),
                c.role(),
                c.environment() == null ? Map.of() : c.environment().variables(),
                layers,
                c.vpcConfig() != null && c.vpcConfig().subnetIds() != null && !c.vpcConfig().subnetIds().isEmpty(),
                c.vpcConfig() == null ? List.of() : c.vpcConfig().subnetIds(),
                c.snapStart() == null ? null : c.snapStart().applyOnAsString(),
                provisionedConcurrency(functionName),
                function.concurrency() == null ? null : function.concurrency().reservedConcurrentExecutions(),
                c.tracingConfig() == null ? null : c.tracingConfig().modeAsString(),
                c.loggingConfig() == null ? null : c.loggingConfig().logFormatAsString(),
                c.loggingConfig() == null ? null : c.loggingConfig().logGroup(),
                c.loggingConfig() == null ? null : c.loggingConfig().applicationLogLevelAsString(),
                c.loggingConfig() == null ? null : c.loggingConfig().systemLogLevelAsString(),
                c.kmsKeyArn(),
                c.deadLetterConfig() == null ? null : c.deadLetterConfig().targetArn(),
                function.tags() == null ? Map.of() : function.tags(),
                c.capacityProviderConfig() == null || c.capacityProviderConfig().lambdaManagedInstancesCapacityProviderConfig() == null
                        ? null : c.capacityProviderConfig().lambdaManagedInstancesCapacityProviderConfig().capacityProviderArn(),
                aliases,
                c.description()));
    }

    private List<String> layerArchitectures(String layerVersionArn) {
        try {
            var layer = lambda.getLayerVersionByArn(r -> r.arn(layerVersionArn));
            return layer.compatibleArchitecturesAsStrings() == null ? List.of() : layer.compatibleArchitecturesAsStrings();
        } catch (LambdaException e) {
            // A layer shared from another account may not be readable: its compatibility is then unknown.
            return List.of();
        }
    }

    private int provisionedConcurrency(String functionName) {
        try {
            int total = 0;
            for (var config : lambda.listProvisionedConcurrencyConfigsPaginator(r -> r.functionName(functionName))
                    .provisionedConcurrencyConfigs()) {
                total += orZero(config.requestedProvisionedConcurrentExecutions());
            }
            return total;
        } catch (LambdaException e) {
            if (e.statusCode() == 404) {
                return 0;
            }
            throw e;
        }
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}

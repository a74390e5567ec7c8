package io.lmi.controlplane.local.testing;

import io.lmi.controlplane.local.AwsTarget;
import io.lmi.controlplane.local.LocalAws;
import java.lang.reflect.Executable;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;

/**
 * Gives tests an AWS to talk to: by default the project's local AWS (moto with our extensions), started once per
 * test run on a free loopback port and stopped when the run ends. With {@code -Dlmi.aws-target=localstack} the same
 * tests run against LocalStack in Docker through Testcontainers, and are skipped where no Docker engine runs.
 *
 * <p>Declare a parameter of type {@link AwsTarget} (works on both) or {@link LocalAws} (needs the local AWS's own
 * features: settings, reset, the LMI API, the handler host).
 */
public final class LocalAwsExtension implements ParameterResolver, ExecutionCondition {

    public static final String TARGET_PROPERTY = "lmi.aws-target";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalAwsExtension.class);

    /**
     * With LocalStack asked for and no Docker engine, a test that takes an {@link AwsTarget} (in its method or its
     * class's constructor) is disabled, and reported as skipped: an assumption failing inside a parameter resolver
     * would be reported as an error instead.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!"localstack".equals(System.getProperty(TARGET_PROPERTY)) || !takesAnAwsTarget(context)) {
            return ConditionEvaluationResult.enabled("runs on the project's local AWS");
        }
        return DockerClientFactory.instance().isDockerAvailable()
                ? ConditionEvaluationResult.enabled("LocalStack in Docker")
                : ConditionEvaluationResult.disabled(LocalStackTarget.NO_DOCKER);
    }

    private static boolean takesAnAwsTarget(ExtensionContext context) {
        Stream<Executable> executables = Stream.concat(context.getTestMethod().stream(),
                context.getTestClass().stream().flatMap(type -> Arrays.stream(type.getDeclaredConstructors())));
        return executables.anyMatch(executable -> Arrays.stream(executable.getParameterTypes())
                .anyMatch(type -> type == AwsTarget.class));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == AwsTarget.class || type == LocalAws.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        if (type == AwsTarget.class && "localstack".equals(System.getProperty(TARGET_PROPERTY))) {
            return store.getOrComputeIfAbsent(LocalStackTarget.class, key -> LocalStackTarget.start(), LocalStackTarget.class);
        }
        // One server for the whole run: the store closes it (AutoCloseable) when the root context ends.
        return store.getOrComputeIfAbsent(LocalAws.class, key -> LocalAws.start(0), LocalAws.class);
    }
}

package io.lmi.controlplane.local.testing;

import io.lmi.controlplane.local.AwsTarget;
import io.lmi.controlplane.local.LocalAws;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests an AWS to talk to: by default the project's local AWS (moto with our extensions), started once per
 * test run on a free loopback port and stopped when the run ends. With {@code -Dlmi.aws-target=localstack} the same
 * tests run against LocalStack in Docker through Testcontainers, and are skipped where no Docker engine runs.
 *
 * <p>Declare a parameter of type {@link AwsTarget} (works on both) or {@link LocalAws} (needs the local AWS's own
 * features: settings, reset, the LMI API, the handler host).
 */
public final class LocalAwsExtension implements ParameterResolver {

    public static final String TARGET_PROPERTY = "lmi.aws-target";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalAwsExtension.class);

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

package io.lmi.controlplane.e2e;

import io.lmi.controlplane.cli.local.LocalControlPlane;
import io.lmi.controlplane.local.LocalAws;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The control plane deployed from template.yaml into the local AWS, once per test run: tests share it and keep out
 * of each other's way by using their own function names.
 */
public final class ControlPlaneExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ControlPlaneExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LocalControlPlane.class || type == LocalAws.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        LocalAws localAws = store.getOrComputeIfAbsent(LocalAws.class, key -> LocalAws.start(0), LocalAws.class);
        if (parameter.getParameter().getType() == LocalAws.class) {
            return localAws;
        }
        return store.getOrComputeIfAbsent(LocalControlPlane.class, key -> deploy(localAws), LocalControlPlane.class);
    }

    /** Deploys with a default network, as a platform team would: private subnets in three AZs behind a NAT. */
    private static LocalControlPlane deploy(LocalAws localAws) {
        try (var clients = io.lmi.controlplane.aws.AwsClients.of(localAws.region(), localAws.credentials(), localAws.endpoint());
             var ec2 = clients.configure(software.amazon.awssdk.services.ec2.Ec2Client.builder()).build()) {
            var network = new io.lmi.controlplane.cli.local.seed.Network(ec2).privateWithNat("10.10");
            return LocalControlPlane.deploy(localAws, Map.of(
                    "CapacityProviderSubnetIds", String.join(",", network.privateSubnetIds()),
                    "CapacityProviderSecurityGroupIds", network.securityGroupId(),
                    "AutoRolloutOnPublish", "true"));
        }
    }
}

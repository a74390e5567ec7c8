package io.lmi.controlplane.cli.local.deploy;

import io.lmi.controlplane.local.host.LambdaHostProcess;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The control plane as deployed into the local AWS: the physical name of each resource of template.yaml, and the
 * handler host that runs its functions. Close it to stop the host (the resources stay in the local AWS).
 */
public final class DeployedControlPlane implements AutoCloseable {
    private final String stackName;
    private final Map<String, LocalDeployer.Deployed> resources;
    private final Map<String, String> outputs;
    private final LambdaHostProcess host;

    DeployedControlPlane(String stackName, Map<String, LocalDeployer.Deployed> resources, Map<String, String> outputs,
                         LambdaHostProcess host) {
        this.stackName = stackName;
        this.resources = Map.copyOf(resources);
        this.outputs = Map.copyOf(outputs);
        this.host = host;
    }

    public String stackName() {
        return stackName;
    }

    /** What {@code Ref} of the logical resource gives (a name, or an ARN for state machines). */
    public String physicalId(String logicalId) {
        return resource(logicalId).physicalId();
    }

    public String attribute(String logicalId, String attribute) {
        return Optional.ofNullable(resource(logicalId).attributes().get(attribute)).orElseThrow(() ->
                new NoSuchElementException(logicalId + " has no attribute " + attribute));
    }

    public String output(String name) {
        return Optional.ofNullable(outputs.get(name)).orElseThrow(() ->
                new NoSuchElementException("template.yaml has no output " + name));
    }

    public Map<String, String> outputs() {
        return outputs;
    }

    public Optional<LambdaHostProcess> host() {
        return Optional.ofNullable(host);
    }

    private LocalDeployer.Deployed resource(String logicalId) {
        LocalDeployer.Deployed deployed = resources.get(logicalId);
        if (deployed == null) {
            throw new NoSuchElementException("template.yaml has no resource " + logicalId + " (deployed: "
                    + resources.keySet() + ")");
        }
        return deployed;
    }

    @Override
    public void close() {
        if (host != null) {
            host.close();
        }
    }
}

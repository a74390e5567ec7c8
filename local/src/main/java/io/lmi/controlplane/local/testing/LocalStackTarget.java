package io.lmi.controlplane.local.testing;

import io.lmi.controlplane.local.AwsTarget;
import java.net.URI;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/** LocalStack in Docker, for machines that have a Docker engine (these build machines do not). */
public final class LocalStackTarget implements AwsTarget, AutoCloseable {

    /** The LocalStack image; override with -Dlmi.localstack.image=... */
    public static final String IMAGE = System.getProperty("lmi.localstack.image", "localstack/localstack:4.9");

    static final String NO_DOCKER = "no Docker engine: LocalStack tests are skipped on this machine";

    private final LocalStackContainer container;

    private LocalStackTarget(LocalStackContainer container) {
        this.container = container;
    }

    static LocalStackTarget start() {
        Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(), NO_DOCKER);
        LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(IMAGE));
        container.start();
        return new LocalStackTarget(container);
    }

    @Override
    public URI endpoint() {
        return container.getEndpoint();
    }

    @Override
    public void close() {
        container.stop();
    }
}

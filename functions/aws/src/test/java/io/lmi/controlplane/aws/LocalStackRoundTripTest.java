package io.lmi.controlplane.aws;

import io.lmi.controlplane.local.AwsTarget;

import java.net.URI;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/** The same round trips against LocalStack; reported as skipped where no Docker engine runs (as on these machines). */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackRoundTripTest extends AwsRoundTripContract {

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(
            DockerImageName.parse(io.lmi.controlplane.local.testing.LocalStackTarget.IMAGE));

    private static AwsTarget target;

    @BeforeAll
    static void connect() {
        URI endpoint = LOCALSTACK.getEndpoint();
        target = () -> endpoint;
    }

    @Override
    protected AwsTarget target() {
        return target;
    }
}

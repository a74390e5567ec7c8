package io.lmi.controlplane.aws;

import io.lmi.controlplane.local.AwsTarget;

/** The project's client configuration, pointed at a test target. */
public final class LocalAwsClients {
    private LocalAwsClients() {
    }

    public static AwsClients of(AwsTarget target) {
        return AwsClients.of(target.region(), target.credentials(), target.endpoint());
    }
}

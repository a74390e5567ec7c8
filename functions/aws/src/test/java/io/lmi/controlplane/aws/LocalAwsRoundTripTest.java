package io.lmi.controlplane.aws;

import io.lmi.controlplane.local.AwsTarget;

import io.lmi.controlplane.local.testing.LocalAwsExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalAwsExtension.class)
class LocalAwsRoundTripTest extends AwsRoundTripContract {

    private final AwsTarget target;

    LocalAwsRoundTripTest(AwsTarget target) {
        this.target = target;
    }

    @Override
    protected AwsTarget target() {
        return target;
    }
}

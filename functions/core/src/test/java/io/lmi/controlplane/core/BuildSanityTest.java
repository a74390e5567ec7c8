package io.lmi.controlplane.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuildSanityTest {
    @Test
    void runsOnSupportedJava() {
        assertThat(Runtime.version().feature()).isGreaterThanOrEqualTo(17);
    }
}

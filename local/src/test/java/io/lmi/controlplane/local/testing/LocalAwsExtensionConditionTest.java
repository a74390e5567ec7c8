package io.lmi.controlplane.local.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.lmi.controlplane.local.AwsTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.testcontainers.DockerClientFactory;

/**
 * {@code -Dlmi.aws-target=localstack} where no Docker engine runs: tests that take an {@link AwsTarget} are reported
 * as skipped, not as errors, and tests that do not take one still run.
 */
class LocalAwsExtensionConditionTest {
    private final String before = System.getProperty(LocalAwsExtension.TARGET_PROPERTY);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(LocalAwsExtension.TARGET_PROPERTY);
        } else {
            System.setProperty(LocalAwsExtension.TARGET_PROPERTY, before);
        }
    }

    /** Run by the launcher below only (surefire skips nested classes). */
    @ExtendWith(LocalAwsExtension.class)
    static class TakesAnAwsTarget {
        @Test
        void inItsMethod(AwsTarget target) {
            assertThat(target.endpoint()).isNotNull();
        }

        @Test
        void withoutOne() {
            assertThat(LocalAwsExtension.TARGET_PROPERTY).isNotEmpty();
        }
    }

    @Test
    void withoutDockerATestTakingAnAwsTargetIsSkippedAndTheOthersRun() {
        Assumptions.assumeFalse(DockerClientFactory.instance().isDockerAvailable(),
                "Docker runs here: the LocalStack tests run instead of being skipped");
        System.setProperty(LocalAwsExtension.TARGET_PROPERTY, "localstack");

        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(TakesAnAwsTarget.class)).build(), listener);
        TestExecutionSummary summary = listener.getSummary();

        assertThat(summary.getFailures()).isEmpty();
        assertThat(summary.getTestsSkippedCount()).isEqualTo(1);
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
    }
}

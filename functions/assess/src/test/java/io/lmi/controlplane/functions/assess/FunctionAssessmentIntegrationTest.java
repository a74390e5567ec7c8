package io.lmi.controlplane.functions.assess;

import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.aws.assess.FunctionAssessor;
import io.lmi.controlplane.core.assess.Assessment;
import io.lmi.controlplane.core.assess.AssessmentOptions;
import io.lmi.controlplane.core.assess.Assessor;
import io.lmi.controlplane.core.assess.Finding;
import io.lmi.controlplane.core.assess.ReadinessItem;
import io.lmi.controlplane.core.assess.ReadinessStatus;
import io.lmi.controlplane.core.assess.ReasonCode;
import io.lmi.controlplane.core.cost.PriceBook;
import io.lmi.controlplane.core.traffic.ShiftMechanism;
import io.lmi.controlplane.core.traffic.TriggerKind;
import io.lmi.controlplane.local.AwsTarget;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The seeded functions, assessed through the real SDK calls against the local AWS, get the verdicts they should. */
@ExtendWith(LocalAwsExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FunctionAssessmentIntegrationTest {
    private final SeededAccount account;
    private final FunctionAssessor assessor;

    FunctionAssessmentIntegrationTest(AwsTarget target) {
        this.account = SeededAccount.of(target);
        this.assessor = FunctionAssessor.create(account.clients, Assessor.withDefaults(PriceBook.bundled()), account.clock);
        System.out.println("seeding the local AWS took " + account.seedingMillis + " ms");
    }

    @AfterAll
    void close() {
        assessor.close();
    }

    private Assessment assess(String function) {
        return assessor.assess(function, AssessmentOptions.defaults(), "asm-" + function).orElseThrow();
    }

    @Test
    void aSteadyHighVolumeFunctionIsRecommended() {
        Assessment a = assess(account.steady);

        assertThat(a.verdict().finding()).isEqualTo(Finding.RECOMMEND_LMI);
        assertThat(a.verdict().reasonCodes()).containsExactly(ReasonCode.LMI_CHEAPER, ReasonCode.STEADY_TRAFFIC,
                ReasonCode.HIGH_VOLUME);
        assertThat(a.traffic().observedDays()).isEqualTo(14.0);
        assertThat(a.traffic().requestsPerMonth()).isBetween(200_000_000L, 240_000_000L);
        assertThat(a.traffic().avgDurationMs()).isEqualTo(400.0);
        assertThat(a.traffic().p99DurationMs()).isEqualTo(600.0);
        assertThat(a.traffic().idleShare()).isZero();
        assertThat(a.function().runtime()).isEqualTo("python3.13");
        assertThat(a.recommendation().configuration().capacityProvider().architecture()).isEqualTo("arm64");
        assertThat(a.recommendation().configuration().scaling().minExecutionEnvironments()).isGreaterThan(3);
        assertThat(a.samSnippet()).contains("AWS::Serverless::CapacityProvider");
    }

    @Test
    void aBurstyFunctionStaysOnLambda() {
        Assessment a = assess(account.bursty);

        assertThat(a.verdict().finding()).isEqualTo(Finding.STAY_ON_LAMBDA);
        assertThat(a.verdict().reasonCodes()).contains(ReasonCode.LMI_MORE_EXPENSIVE, ReasonCode.BURSTY_TRAFFIC,
                ReasonCode.RISES_FASTER_THAN_LMI_SCALES, ReasonCode.LOW_VOLUME);
        assertThat(a.traffic().peakToMeanRatio()).isGreaterThan(5.0);
        assertThat(a.traffic().largestRise().eventsAboveLimit()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void anIdleFunctionStaysOnLambda() {
        Assessment a = assess(account.idle);

        assertThat(a.verdict().finding()).isEqualTo(Finding.STAY_ON_LAMBDA);
        assertThat(a.verdict().reasonCodes()).contains(ReasonCode.LMI_MORE_EXPENSIVE, ReasonCode.LOW_VOLUME,
                ReasonCode.LONG_IDLE_PERIODS);
        assertThat(a.traffic().idleShare()).isGreaterThan(0.9);
        assertThat(a.traffic().observedFrom()).isEqualTo(a.traffic().windowStart());
    }

    @Test
    void aFunctionOnAnUnsupportedRuntimeIsNotEligible() {
        Assessment a = assess(account.unsupported);

        assertThat(a.verdict().finding()).isEqualTo(Finding.NOT_ELIGIBLE);
        assertThat(a.verdict().reasonCodes()).containsExactly(ReasonCode.RUNTIME_UPGRADE_REQUIRED);
        assertThat(a.readiness()).filteredOn(i -> i.status() == ReadinessStatus.BLOCK).singleElement()
                .satisfies(i -> assertThat(i.fix()).contains("python3.13"));
        assertThat(a.recommendation().isAvailable()).isFalse();

        Assessment upgraded = assessor.assess(account.unsupported, AssessmentOptions.defaults().withRuntimeUpgrade(true),
                "asm-upgraded").orElseThrow();
        assertThat(upgraded.verdict().finding()).isEqualTo(Finding.RECOMMEND_LMI);
        assertThat(upgraded.recommendation().configuration().function().runtime()).isEqualTo("python3.13");
        assertThat(upgraded.traffic().observedDays()).isEqualTo(8.0);
    }

    @Test
    void aVpcFunctionWithAnSqsTriggerIsRecommendedWithItsNetworkAndTriggerWarnings() {
        Assessment a = assess(account.vpcConsumer);

        assertThat(a.verdict().finding()).isEqualTo(Finding.RECOMMEND_LMI);
        assertThat(a.function().inVpc()).isTrue();
        assertThat(a.readiness()).extracting(ReadinessItem::code).contains("VPC_CONFIG_MOVES", "TRIGGER_WEIGHTED")
                .doesNotContain("NO_TRIGGERS_FOUND");
        assertThat(a.readiness()).filteredOn(i -> i.code().equals("VPC_CONFIG_MOVES")).singleElement()
                .satisfies(i -> assertThat(i.message()).contains(account.vpcSubnets.get(0)));
        assertThat(a.triggers()).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(TriggerKind.SQS);
            assertThat(t.mechanism()).isEqualTo(ShiftMechanism.WEIGHTED);
            assertThat(t.source()).isEqualTo(account.queueArn);
        });
        assertThat(a.samSnippet()).contains("Default: \"" + String.join(",", account.vpcSubnets) + "\"");
    }

    @Test
    void aFunctionWithTwoDaysOfHistoryHasInsufficientData() {
        Assessment a = assess(account.young);

        assertThat(a.verdict().finding()).isEqualTo(Finding.INSUFFICIENT_DATA);
        assertThat(a.verdict().reasonCodes()).containsExactly(ReasonCode.INSUFFICIENT_HISTORY);
        assertThat(a.traffic().observedDays()).isEqualTo(2.0);
    }

    @Test
    void aFunctionNeverInvokedHasNoMetricsButAConfigurationForAForcedMigration() {
        Assessment a = assess(account.silent);

        assertThat(a.verdict().finding()).isEqualTo(Finding.INSUFFICIENT_DATA);
        assertThat(a.verdict().reasonCodes()).containsExactly(ReasonCode.NO_METRICS);
        assertThat(a.cost()).isNull();
        assertThat(a.recommendation().configuration().scaling().minExecutionEnvironments()).isEqualTo(3);
        assertThat(a.recommendation().configuration().scaling().maxExecutionEnvironments()).isNull();
    }

    @Test
    void aMissingFunctionIsEmpty() {
        assertThat(assessor.assess("no-such-function-" + account.steady, AssessmentOptions.defaults(), "asm-x")).isEmpty();
    }
}

package io.lmi.controlplane.core.assess;

import static io.lmi.controlplane.core.assess.Functions.function;
import static io.lmi.controlplane.core.assess.Inputs.input;
import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.core.cost.PriceBook;
import io.lmi.controlplane.core.cost.WorkloadProfile;
import io.lmi.controlplane.core.traffic.Trigger;
import io.lmi.controlplane.core.traffic.TriggerKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each readiness rule: its code, its status, and that it says what to do. */
class ReadinessTest {
    private static final Assessor ASSESSOR = Assessor.withDefaults(PriceBook.bundled());
    private static final AssessmentOptions OPTIONS = AssessmentOptions.defaults().withWorkload(WorkloadProfile.BALANCED);

    private static Assessment assess(Functions f) {
        return assess(f, List.of());
    }

    private static Assessment assess(Functions f, List<Trigger> triggers) {
        return ASSESSOR.assess(input(f.build(), Histories.steady(100, 400), triggers, OPTIONS));
    }

    private static Optional<ReadinessItem> item(Assessment a, String code) {
        return a.readiness().stream().filter(i -> i.code().equals(code)).findFirst();
    }

    private static ReadinessItem require(Assessment a, String code, ReadinessStatus status) {
        ReadinessItem item = item(a, code).orElseThrow(() -> new AssertionError("no " + code + " in " + a.readiness()));
        assertThat(item.status()).as(code).isEqualTo(status);
        if (status != ReadinessStatus.PASS) {
            assertThat(item.fix()).as(code + " fix").isNotBlank();
        }
        return item;
    }

    @Test
    void aSupportedRuntimePasses() {
        require(assess(function().runtime("java21")), "RUNTIME_SUPPORTED", ReadinessStatus.PASS);
    }

    @Test
    void anUpgradableRuntimeBlocksAndNamesTheUpgrade() {
        ReadinessItem item = require(assess(function().runtime("java17")), "RUNTIME_UPGRADE_REQUIRED",
                ReadinessStatus.BLOCK);
        assertThat(item.fix()).contains("java21").contains("allowRuntimeUpgrade");
    }

    @Test
    void aRuntimeWithoutLmiVersionBlocks() {
        require(assess(function().runtime("ruby3.3")), "RUNTIME_NOT_SUPPORTED", ReadinessStatus.BLOCK);
    }

    @Test
    void anX86FunctionWithoutBindingsMovesToArm64() {
        Assessment a = assess(function().layer("arn:aws:lambda:us-east-1:123456789012:layer:utils:3", "x86_64", "arm64"));

        require(a, "ARCHITECTURE_TO_ARM64", ReadinessStatus.WARN);
        assertThat(a.recommendation().configuration().capacityProvider().architecture()).isEqualTo("arm64");
        assertThat(a.costSummary().lambdaArchitecture()).isEqualTo("x86_64");
        assertThat(a.costSummary().lmiArchitecture()).isEqualTo("arm64");
        assertThat(a.currentCost().input().architecture().id()).isEqualTo("x86_64");
        assertThat(a.cost().lmi().instanceType()).contains("g.");
    }

    @Test
    void aLayerWithoutArm64KeepsX86AndSaysWhich() {
        Assessment a = assess(function().layer("arn:aws:lambda:us-east-1:123456789012:layer:native:1", "x86_64"));

        ReadinessItem item = require(a, "ARCHITECTURE_KEPT", ReadinessStatus.PASS);
        assertThat(item.message()).contains("layer:native:1").contains("x86_64 only");
        assertThat(a.recommendation().configuration().capacityProvider().architecture()).isEqualTo("x86_64");
        assertThat(a.currentCost()).isNull();
        assertThat(a.cost().lmi().instanceType()).contains("i.");
    }

    @Test
    void aLayerThatDeclaresNothingKeepsX86() {
        Assessment a = assess(function().layer("arn:aws:lambda:us-east-1:999999999999:layer:shared:7"));

        assertThat(require(a, "ARCHITECTURE_KEPT", ReadinessStatus.PASS).message()).contains("declares no architectures");
    }

    @Test
    void arm64AlreadyPasses() {
        Assessment a = assess(function().architecture("arm64"));

        require(a, "ARCHITECTURE_ARM64", ReadinessStatus.PASS);
        assertThat(a.currentCost()).isNull();
    }

    @Test
    void anImageKeepsItsArchitectureAndItsRuntimeMustBeChecked() {
        Assessment a = assess(function().image("123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1"));

        require(a, "ARCHITECTURE_KEPT", ReadinessStatus.PASS);
        require(a, "RUNTIME_IN_IMAGE", ReadinessStatus.WARN);
    }

    @Test
    void featuresLmiDropsAreWarnings() {
        Assessment a = assess(function().runtime("java21").vpc("subnet-a", "subnet-b").snapStart("PublishedVersions")
                .provisionedConcurrency(10).reservedConcurrency(50).logFormat("Text"));

        assertThat(require(a, "VPC_CONFIG_MOVES", ReadinessStatus.WARN).message()).contains("subnet-a");
        require(a, "SNAPSTART_DROPPED", ReadinessStatus.WARN);
        assertThat(require(a, "PROVISIONED_CONCURRENCY_DROPPED", ReadinessStatus.WARN).message()).contains("10");
        require(a, "RESERVED_CONCURRENCY_DROPPED", ReadinessStatus.WARN);
        require(a, "LOG_FORMAT_JSON", ReadinessStatus.WARN);
        assertThat(a.verdict().finding()).isEqualTo(Finding.RECOMMEND_LMI);
    }

    @Test
    void aPlainFunctionDropsNothing() {
        Assessment a = assess(function());

        assertThat(a.readiness()).extracting(ReadinessItem::code).doesNotContain("VPC_CONFIG_MOVES",
                "SNAPSTART_DROPPED", "PROVISIONED_CONCURRENCY_DROPPED", "RESERVED_CONCURRENCY_DROPPED",
                "LOG_FORMAT_JSON");
        assertThat(assess(function().snapStart("None")).readiness()).extracting(ReadinessItem::code)
                .doesNotContain("SNAPSTART_DROPPED");
    }

    @Test
    void codeReviewIsAlwaysAWarningWithTheRuntimesChecklist() {
        assertThat(require(assess(function().runtime("java21")), "CODE_REVIEW_REQUIRED", ReadinessStatus.WARN)
                .message()).contains("mutable static").contains("2.34.0").contains("cannot be judged");
        assertThat(require(assess(function().runtime("nodejs22.x")), "CODE_REVIEW_REQUIRED", ReadinessStatus.WARN)
                .message()).contains("callback-style");
        assertThat(require(assess(function().runtime("python3.13")), "CODE_REVIEW_REQUIRED", ReadinessStatus.WARN)
                .message()).contains("one process per concurrent invocation");
        assertThat(require(assess(function().runtime("dotnet8")), "CODE_REVIEW_REQUIRED", ReadinessStatus.WARN)
                .message()).contains("RemainingTime");
    }

    @Test
    void memoryBelowTheLmiMinimumIsResized() {
        Assessment a = assess(function().memoryMb(512));

        ReadinessItem item = require(a, "MEMORY_RESIZED", ReadinessStatus.WARN);
        int recommended = a.recommendation().configuration().function().memoryMb();
        assertThat(item.message()).contains("512 MB to " + recommended + " MB");
        assertThat(recommended).isGreaterThanOrEqualTo(2048);
    }

    @Test
    void memoryThatAlreadyFitsPasses() {
        // 4096 MB at the m family's 4 GiB per vCPU: one whole vCPU, exactly the size LMI would give it.
        require(assess(function().memoryMb(4096)), "MEMORY_OK", ReadinessStatus.PASS);
    }

    @Test
    void aP99CloseToTheTimeoutWarns() {
        // The synthetic p99 is 2.5 x the 400 ms average: 1000 ms against a 1 s timeout.
        assertThat(require(assess(function().timeoutSeconds(1)), "P99_NEAR_TIMEOUT", ReadinessStatus.WARN).message())
                .contains("1000 ms");
        assertThat(item(assess(function().timeoutSeconds(30)), "P99_NEAR_TIMEOUT")).isEmpty();
    }

    @Test
    void eachTriggerSaysHowItsTrafficMoves() {
        Assessment a = assess(function(), List.of(
                new Trigger(TriggerKind.SQS, "uuid-1", "arn:aws:sqs:us-east-1:123456789012:orders", null),
                new Trigger(TriggerKind.KINESIS, "uuid-2", "arn:aws:kinesis:us-east-1:123456789012:stream/clicks", null),
                new Trigger(TriggerKind.FUNCTION_URL, "https://abc.lambda-url.us-east-1.on.aws/", null, null)));

        assertThat(a.readiness()).filteredOn(i -> i.code().startsWith("TRIGGER_"))
                .extracting(ReadinessItem::code, ReadinessItem::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("TRIGGER_WEIGHTED", ReadinessStatus.PASS),
                        org.assertj.core.groups.Tuple.tuple("TRIGGER_CUTOVER", ReadinessStatus.WARN),
                        org.assertj.core.groups.Tuple.tuple("TRIGGER_MANUAL", ReadinessStatus.WARN));
        assertThat(a.readiness()).filteredOn(i -> i.code().equals("TRIGGER_WEIGHTED")).singleElement()
                .satisfies(i -> assertThat(i.message()).contains("SQS").contains("orders"));
        assertThat(a.triggers()).extracting(Assessment.TriggerView::mechanism).extracting(Enum::name)
                .containsExactly("WEIGHTED", "CUTOVER", "MANUAL");
        assertThat(item(a, "NO_TRIGGERS_FOUND")).isEmpty();
    }

    @Test
    void noTriggerFoundIsAWarning() {
        require(assess(function()), "NO_TRIGGERS_FOUND", ReadinessStatus.WARN);
    }
}

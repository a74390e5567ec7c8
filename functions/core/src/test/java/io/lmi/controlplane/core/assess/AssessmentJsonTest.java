package io.lmi.controlplane.core.assess;

import static io.lmi.controlplane.core.assess.Functions.function;
import static io.lmi.controlplane.core.assess.Inputs.input;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.core.cost.PriceBook;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.recommend.LmiConfiguration;
import io.lmi.controlplane.core.traffic.Trigger;
import io.lmi.controlplane.core.traffic.TriggerKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON is a contract: docs/assessment.md names these fields, and the migration reads the configuration. */
class AssessmentJsonTest {
    private static final Assessment ASSESSMENT = Assessor.withDefaults(PriceBook.bundled()).assess(input(
            function().vpc("subnet-a").build(), Histories.steady(100, 400),
            List.of(new Trigger(TriggerKind.SQS, "uuid-1", "arn:aws:sqs:us-east-1:123456789012:orders", null)),
            AssessmentOptions.defaults()));

    @Test
    void theRecommendedConfigurationReadsBackUnchangedThroughTheControlPlanesStrictJson() {
        JsonNode tree = AssessmentJson.tree(ASSESSMENT);

        LmiConfiguration back = Json.convert(tree.at("/recommendation/configuration"), LmiConfiguration.class,
                "configuration");

        assertThat(back).isEqualTo(ASSESSMENT.recommendation().configuration());
        assertThat(Json.read(Json.write(ASSESSMENT.recommendation().configuration()), LmiConfiguration.class, "c"))
                .isEqualTo(back);
    }

    @Test
    void aFactIsTheDocumentWithTheConfigurationTheMigrationReads() {
        LmiConfiguration overridden = ASSESSMENT.recommendation().withScaling(5, 400, AssessmentPolicy.defaults())
                .configuration();

        JsonNode stored = Json.tree(AssessmentFact.document(ASSESSMENT, true, false, "ok", overridden));
        AssessmentFact back = Json.convert(stored, AssessmentFact.class, "fact");

        assertThat(back.configuration()).isEqualTo(overridden);
        assertThat(back.proceed()).isTrue();
        assertThat(back.verdict()).isEqualTo(ASSESSMENT.verdict());
        assertThat(back.assessmentId()).isEqualTo("asm-test");
        // What later steps read as JSON: the planned configuration, and the document's own fields.
        assertThat(Json.convert(stored.get("configuration"), LmiConfiguration.class, "configuration")).isEqualTo(overridden);
        assertThat(stored.at("/costSummary/lmiOnDemandMonthlyUsd").isNumber()).isTrue();
        assertThat(stored.at("/cost/lmi/onDemand/monthlyUsd").isNumber()).isTrue();
        assertThat(stored.at("/recommendation/configuration/scaling/maxExecutionEnvironments").asInt())
                .isEqualTo(ASSESSMENT.recommendation().configuration().scaling().maxExecutionEnvironments());
        assertThat(Json.tree(AssessmentFact.document(ASSESSMENT, false, false, "no", null)).get("configuration").isNull())
                .isTrue();
    }

    @Test
    void theWholeAssessmentReadsBack() {
        Assessment back = AssessmentJson.read(AssessmentJson.write(ASSESSMENT));

        assertThat(back.verdict()).isEqualTo(ASSESSMENT.verdict());
        assertThat(back.recommendation()).isEqualTo(ASSESSMENT.recommendation());
        assertThat(back.readiness()).isEqualTo(ASSESSMENT.readiness());
        assertThat(back.triggers()).isEqualTo(ASSESSMENT.triggers());
        assertThat(back.traffic()).isEqualTo(ASSESSMENT.traffic());
        assertThat(back.function()).isEqualTo(ASSESSMENT.function());
        assertThat(back.samSnippet()).isEqualTo(ASSESSMENT.samSnippet());
        assertThat(back.cost().lmi().instanceType()).isEqualTo(ASSESSMENT.cost().lmi().instanceType());
        assertThat(back.costSummary().savingsPercent()).isEqualByComparingTo(
                ASSESSMENT.costSummary().savingsPercent().setScale(2, java.math.RoundingMode.HALF_UP));
        assertThat(AssessmentJson.read(AssessmentJson.tree(ASSESSMENT)).assessmentId()).isEqualTo("asm-test");
    }

    @Test
    void carriesTheDocumentedFields() {
        JsonNode json = AssessmentJson.tree(ASSESSMENT);

        for (String path : List.of("/schemaVersion", "/assessmentId", "/assessedAt", "/function/name",
                "/function/runtime", "/function/memoryMb", "/function/architecture", "/function/inVpc",
                "/options/windowDays", "/options/workload", "/options/workloadAssumed", "/options/allowRuntimeUpgrade",
                "/verdict/finding", "/verdict/reasonCodes", "/verdict/confidence", "/verdict/confidenceNotes",
                "/verdict/summary",
                "/costSummary/lambdaOnDemandMonthlyUsd", "/costSummary/lambdaSavingsPlanMonthlyUsd",
                "/costSummary/lmiOnDemandMonthlyUsd", "/costSummary/lmiSavingsPlan3yrMonthlyUsd",
                "/costSummary/savingsPercent", "/costSummary/lambdaArchitecture", "/costSummary/lmiArchitecture",
                "/readiness/0/status", "/readiness/0/code", "/readiness/0/message",
                "/triggers/0/kind", "/triggers/0/mechanism", "/triggers/0/id", "/triggers/0/source",
                "/recommendation/configuration/capacityProvider/architecture",
                "/recommendation/configuration/capacityProvider/maxVCpuCount",
                "/recommendation/configuration/function/memoryMb",
                "/recommendation/configuration/function/memoryGiBPerVCpu",
                "/recommendation/configuration/function/perExecutionEnvironmentMaxConcurrency",
                "/recommendation/configuration/scaling/minExecutionEnvironments",
                "/recommendation/configuration/scaling/maxExecutionEnvironments",
                "/recommendation/basis/pricedInstanceType", "/recommendation/explanation",
                "/traffic/requestsPerMonth", "/traffic/meanRequestsPerSecond", "/traffic/peakRequestsPerSecond",
                "/traffic/peakToMeanRatio", "/traffic/idleShare", "/traffic/avgDurationMs", "/traffic/p99DurationMs",
                "/traffic/peakConcurrency", "/traffic/highPercentileConcurrency", "/traffic/largestRise/ratio",
                "/traffic/largestRise/eventsAboveLimit", "/traffic/dailyShape/23/meanRequestsPerSecond",
                "/traffic/weeklyShape/167/executionEnvironments",
                "/cost/lmi/onDemand/monthlyUsd", "/currentCost/lambda/onDemand/monthlyUsd", "/samSnippet")) {
            assertThat(json.at(path).isMissingNode()).as(path).isFalse();
        }
        assertThat(json.has("available")).isFalse();
        assertThat(json.at("/recommendation").has("available")).isFalse();
        assertThat(json.at("/traffic/weeklyShape/0/dayOfWeek").asText()).isEqualTo("MONDAY");
        assertThat(json.at("/verdict/finding").asText()).isEqualTo("RECOMMEND_LMI");
        assertThat(AssessmentJson.write(ASSESSMENT)).doesNotContain("E+").doesNotContain("E-");
    }
}

package io.lmi.controlplane.core.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON field names are a contract with the assessment and the migration workflow (docs/cost-model.md). */
class CostReportJsonTest {
    private static final CostReport REPORT = CostEngine.withDefaults(PriceBook.bundled()).estimate(CostRequest.builder()
            .requestsPerMonth(259_200_000L).avgDurationMs(200).memoryMb(512).architecture(Architecture.X86_64)
            .runtime("nodejs22.x").workload(WorkloadProfile.IO).build());

    @Test
    void carriesTheContractFields() throws Exception {
        JsonNode json = new ObjectMapper().readTree(CostReportJson.write(REPORT));

        for (String path : List.of("/schemaVersion", "/currency", "/region", "/pricesAsOf", "/pricesSource",
                "/input/requestsPerMonth", "/input/avgDurationMs", "/input/memoryMb", "/input/architecture",
                "/input/runtime", "/input/workload",
                "/lambda/gbSecondsPerMonth",
                "/lambda/onDemand/requestsUsd", "/lambda/onDemand/durationUsd", "/lambda/onDemand/monthlyUsd",
                "/lambda/onDemand/annualUsd",
                "/lambda/savings/0/id", "/lambda/savings/0/discountRate", "/lambda/savings/0/monthlyUsd",
                "/lambda/savings/0/savingsVsLambdaOnDemandUsd", "/lambda/savings/0/savingsVsLambdaOnDemandPercent",
                "/lmi/instanceType", "/lmi/instances", "/lmi/instanceHours", "/lmi/onDemandHourlyUsd",
                "/lmi/capacitySource", "/lmi/sizing/environmentsNeeded", "/lmi/sizing/functionMemoryMb",
                "/lmi/onDemand/ec2Usd", "/lmi/onDemand/managementFeeUsd", "/lmi/onDemand/requestsUsd",
                "/lmi/onDemand/monthlyUsd", "/lmi/onDemand/annualUsd", "/lmi/onDemand/breakEvenRequestsPerMonth",
                "/lmi/savings/0/id", "/lmi/savings/0/ec2Usd", "/lmi/savings/0/managementFeeUsd",
                "/lmi/savings/0/monthlyUsd", "/lmi/savings/0/breakEvenRequestsPerMonth", "/warnings")) {
            assertThat(json.at(path).isMissingNode()).as(path).isFalse();
        }
        assertThat(json.at("/lambda/onDemand/monthlyUsd").decimalValue()).isEqualByComparingTo("483.84");
        assertThat(json.at("/lmi/instanceType").asText()).isEqualTo("m7i.large");
        assertThat(json.at("/lmi/instances").asInt()).isEqualTo(6);
        assertThat(json.at("/input/architecture").asText()).isEqualTo("x86_64");
        assertThat(json.at("/pricesAsOf").asText()).isEqualTo("2026-07-20");
        assertThat(json.at("/lmi/savings").size()).isEqualTo(4);
    }

    @Test
    void moneyIsRoundedToCentsOnlyInTheJson() {
        String text = CostReportJson.write(REPORT);

        assertThat(REPORT.lambda().onDemand().durationUsd()).isEqualByComparingTo("432.000864");
        assertThat(text).contains("\"durationUsd\" : 432.00,");
        assertThat(text).contains("\"ec2Usd\" : 441.50,");
        assertThat(text).contains("\"managementFeeUsd\" : 66.23,");
        assertThat(text).doesNotContain("E+").doesNotContain("E-");
    }

    @Test
    void readsBackWithTheRoundedFigures() {
        CostReport back = CostReportJson.read(CostReportJson.write(REPORT));

        assertThat(back.lmi().instanceType()).isEqualTo(REPORT.lmi().instanceType());
        assertThat(back.lambda().onDemand().monthlyUsd()).isEqualByComparingTo("483.84");
        assertThat(back.lmi().onDemand().breakEvenRequestsPerMonth())
                .isEqualTo(REPORT.lmi().onDemand().breakEvenRequestsPerMonth());
        assertThat(back.lmi().savings()).hasSameSizeAs(REPORT.lmi().savings());
    }
}

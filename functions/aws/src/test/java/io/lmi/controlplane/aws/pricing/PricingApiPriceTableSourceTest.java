package io.lmi.controlplane.aws.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.core.cost.Architecture;
import io.lmi.controlplane.core.cost.CostEngine;
import io.lmi.controlplane.core.cost.CostReport;
import io.lmi.controlplane.core.cost.CostRequest;
import io.lmi.controlplane.core.cost.PriceBook;
import io.lmi.controlplane.core.cost.PriceTable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pricing.PricingClient;

class PricingApiPriceTableSourceTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC);
    private static final List<String> TYPES = List.of("m7g.xlarge", "c7g.large", "m7i.large", "r7g.2xlarge",
            "m7g.metal-48xl");

    private PricingApiStub stub;
    private PricingClient client;
    private PricingApiPriceTableSource source;

    @BeforeEach
    void start() throws Exception {
        stub = new PricingApiStub();
        client = PricingClient.builder()
                .endpointOverride(stub.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        source = new PricingApiPriceTableSource(client, CLOCK);
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    @Test
    void buildsAValidatedTableFromGetProducts() {
        PriceTable t = source.fetch("us-east-1", TYPES);

        assertThat(t.region()).isEqualTo("us-east-1");
        assertThat(t.asOf()).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(t.sources()).singleElement().asString().contains("2026-11-25T08:00:00Z").contains("AmazonEC2");
        assertThat(t.instanceTypes()).containsOnlyKeys("m7g.xlarge", "c7g.large", "m7i.large", "r7g.2xlarge");

        PriceTable.InstanceTypePrice m7g = t.instanceType("m7g.xlarge");
        // The Windows product and the reserved-instance term of the same type are not taken.
        assertThat(m7g.onDemandHourlyUsd()).isEqualByComparingTo("0.1632");
        assertThat(m7g.vcpus()).isEqualTo(4);
        assertThat(m7g.memoryGib()).isEqualByComparingTo("16");
        assertThat(m7g.architecture()).isEqualTo(Architecture.ARM64);
        assertThat(m7g.lmiManagementFeeHourlyUsd()).isEqualByComparingTo("0.02448");
        assertThat(t.instanceType("m7i.large").architecture()).isEqualTo(Architecture.X86_64);
        assertThat(t.instanceType("m7i.large").onDemandHourlyUsd()).isEqualByComparingTo("0.1008");
        assertThat(t.instanceType("r7g.2xlarge").memoryGib()).isEqualByComparingTo("64");
        assertThat(t.instanceType("r7g.2xlarge").lmiManagementFeeHourlyUsd()).isNull();

        PriceTable.LambdaArchitecturePrices x86 = t.lambdaPrices(Architecture.X86_64);
        assertThat(x86.requestPricePerMillionUsd()).isEqualByComparingTo("0.20");
        assertThat(x86.durationTiers()).extracting(PriceTable.DurationTier::upToGbSeconds)
                .containsExactly(new BigDecimal("6000000000"), new BigDecimal("15000000000"), null);
        // The ARM tiers arrive out of order and are put in order.
        assertThat(t.lambdaPrices(Architecture.ARM64).durationTiers())
                .extracting(PriceTable.DurationTier::pricePerGbSecondUsd)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("0.0000133334"), new BigDecimal("0.0000120001"),
                        new BigDecimal("0.0000106667"));
        assertThat(t.lmi().requestPricePerMillionUsd()).isEqualByComparingTo("0.20");
        assertThat(t.lmi().managementFeeRate()).isEqualByComparingTo("0.15");
        assertThat(t.lambda().freeTier().requests()).isEqualTo(1_000_000);
        assertThat(t.notes()).anyMatch(n -> n.contains("not offered in us-east-1") && n.contains("m7g.metal-48xl"));
        assertThat(t.notes()).anyMatch(n -> n.contains("no LMI management-fee product") && n.contains("r7g.2xlarge"));
    }

    @Test
    void sendsTheDocumentedFiltersAndFollowsPages() {
        source.fetch("us-east-1", List.of("m7g.xlarge"));

        List<PricingApiStub.Call> calls = stub.calls();
        assertThat(calls).allSatisfy(c -> assertThat(c.target()).isEqualTo("AWSPriceListService.GetProducts"));
        assertThat(calls).allSatisfy(c -> {
            assertThat(c.body().path("FormatVersion").asText()).isEqualTo("aws_v1");
            assertThat(c.body().path("MaxResults").asInt()).isEqualTo(100);
        });

        JsonNode ec2 = calls.get(0).body();
        assertThat(ec2.path("ServiceCode").asText()).isEqualTo("AmazonEC2");
        assertThat(filters(ec2)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "regionCode", "us-east-1",
                "instanceType", "m7g.xlarge",
                "operatingSystem", "Linux",
                "tenancy", "Shared",
                "preInstalledSw", "NA",
                "capacitystatus", "Used",
                "marketoption", "OnDemand",
                "productFamily", "Compute Instance",
                "licenseModel", "No License required"));
        ec2.path("Filters").forEach(f -> assertThat(f.path("Type").asText()).isEqualTo("TERM_MATCH"));

        List<PricingApiStub.Call> lambda = calls.stream()
                .filter(c -> c.body().path("ServiceCode").asText().equals("AWSLambda")).toList();
        assertThat(lambda).hasSize(2);
        assertThat(filters(lambda.get(0).body())).containsExactlyEntriesOf(Map.of("regionCode", "us-east-1"));
        assertThat(lambda.get(0).body().has("NextToken")).isFalse();
        assertThat(lambda.get(1).body().path("NextToken").asText()).isEqualTo(PricingApiStub.SECOND_PAGE_TOKEN);
    }

    @Test
    void aRefreshedFileIsWhatTheEngineReads(@TempDir Path dir) {
        Path file = source.refreshTo(dir, "us-east-1", PricingApiPriceTableSource.bundledInstanceTypes());

        assertThat(file).isEqualTo(dir.resolve("us-east-1.json"));
        PriceBook book = PriceBook.standard(dir);
        assertThat(book.originOf("us-east-1")).isEqualTo(file.toString());
        // Only the four recorded types exist in the refreshed table, so the engine must be pinned to one of them.
        CostReport r = CostEngine.withDefaults(book).estimate(CostRequest.builder()
                .runtime("java21").memoryMb(1024).avgDurationMs(100).requestsPerMonth(100_000_000)
                .architecture(Architecture.ARM64).instanceType("m7g.xlarge").build());
        assertThat(r.pricesAsOf()).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(r.lmi().onDemandHourlyUsd()).isEqualByComparingTo("0.1632");
    }

    @Test
    void aRegionWithoutEc2PricesIsAnError() {
        assertThatThrownBy(() -> source.fetch("eu-west-9", List.of("m7g.xlarge")))
                .isInstanceOf(PricingRefreshException.class)
                .hasMessageContaining("eu-west-9").hasMessageContaining("no EC2 on-demand Linux price");
    }

    @Test
    void missingLambdaDurationPricesAreAnErrorNotAGuess() {
        stub.dropLambdaProducts(p -> p.path("product").path("attributes").path("group").asText()
                .equals("AWS-Lambda-Duration-ARM"));

        assertThatThrownBy(() -> source.fetch("us-east-1", List.of("m7g.xlarge")))
                .isInstanceOf(PricingRefreshException.class)
                .hasMessageContaining("AWS-Lambda-Duration-ARM").hasMessageContaining("gave 0");
    }

    @Test
    void withoutAnLmiRequestProductTheRegionsLambdaRequestPriceIsUsedAndNoted() {
        stub.dropLambdaProducts(p -> p.path("product").path("attributes").has("lambdaManagedInstances-RequestType"));

        PriceTable t = source.fetch("us-east-1", List.of("m7g.xlarge"));

        assertThat(t.lmi().requestPricePerMillionUsd()).isEqualByComparingTo("0.20");
        assertThat(t.notes()).anyMatch(n -> n.contains("no LMI request product"));
    }

    private static Map<String, String> filters(JsonNode body) {
        Map<String, String> out = new HashMap<>();
        body.path("Filters").forEach(f -> out.put(f.path("Field").asText(), f.path("Value").asText()));
        return out;
    }
}

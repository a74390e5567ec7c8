package io.lmi.controlplane.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceBookTest {
    private static final PriceTable BUNDLED = PriceBook.bundled().forRegion("us-east-1");

    @Test
    void bundledTableIsDatedAndCoversEveryFamilyOfTheReference() {
        assertThat(BUNDLED.asOf()).isEqualTo(LocalDate.of(2026, 7, 20));
        assertThat(BUNDLED.sources()).isNotEmpty();
        // 30 families (c/m/r of 6g 7g 8g 5 6i 7i 8i 6a 7a 8a) x 4 sizes, lmi-api-and-pricing.md 6.4.
        assertThat(BUNDLED.instanceTypes()).hasSize(120);
        assertThat(BUNDLED.lmi().managementFeeRate()).isEqualByComparingTo("0.15");
        assertThat(BUNDLED.lmi().requestPricePerMillionUsd()).isEqualByComparingTo("0.20");
        assertThat(BUNDLED.lambdaPrices(Architecture.X86_64).durationTiers()).hasSize(3);
        assertThat(BUNDLED.lambdaPrices(Architecture.ARM64).durationTiers().get(0).pricePerGbSecondUsd())
                .isEqualByComparingTo("0.0000133334");
    }

    @Test
    void everyBundledTypeHasTheShapeItsNameImplies() {
        Map<String, Integer> vcpusBySize = Map.of("large", 2, "xlarge", 4, "2xlarge", 8, "4xlarge", 16);
        Map<String, Integer> gibPerVcpu = Map.of("c", 2, "m", 4, "r", 8);
        BUNDLED.instanceTypes().forEach((name, p) -> {
            InstanceTypeName n = InstanceTypeName.tryParse(name).orElseThrow();
            assertThat(p.vcpus()).as(name).isEqualTo(vcpusBySize.get(n.size()));
            assertThat(p.memoryGib()).as(name)
                    .isEqualByComparingTo(BigDecimal.valueOf((long) p.vcpus() * gibPerVcpu.get(n.familyClass())));
            assertThat(p.architecture()).as(name)
                    .isEqualTo(n.generation().endsWith("g") ? Architecture.ARM64 : Architecture.X86_64);
        });
        assertThat(BUNDLED.instanceType("m7g.xlarge").onDemandHourlyUsd()).isEqualByComparingTo("0.1632");
        assertThat(BUNDLED.instanceType("c8g.large").onDemandHourlyUsd()).isEqualByComparingTo("0.07976");
        assertThat(BUNDLED.instanceType("r7a.xlarge").onDemandHourlyUsd()).isEqualByComparingTo("0.3043");
    }

    @Test
    void aRegionWithoutPricesIsAnErrorNamingIt() {
        assertThatThrownBy(() -> PriceBook.bundled().forRegion("eu-west-1"))
                .isInstanceOf(UnpricedRegionException.class)
                .hasMessageContaining("eu-west-1")
                .hasMessageContaining("bundled prices-eu-west-1.json")
                .extracting(e -> ((UnpricedRegionException) e).region()).isEqualTo("eu-west-1");
        assertThatThrownBy(() -> PriceBook.bundled().forRegion("mars"))
                .isInstanceOf(UnpricedRegionException.class).hasMessageContaining("mars");
    }

    @Test
    void anUnknownInstanceTypeIsAnErrorNamingItAndItsPricedSizes() {
        assertThatThrownBy(() -> BUNDLED.instanceType("m7g.metal"))
                .isInstanceOf(UnknownInstanceTypeException.class)
                .hasMessageContaining("m7g.metal")
                .hasMessageContaining("us-east-1")
                .hasMessageContaining("m7g.xlarge");
        assertThatThrownBy(() -> BUNDLED.instanceType("x2iedn.xlarge"))
                .isInstanceOf(UnknownInstanceTypeException.class)
                .hasMessageContaining("priced families");
    }

    @Test
    void aRefreshedTableInThePricesDirectoryWinsOverTheBundledOne(@TempDir Path dir) {
        PriceTable refreshed = withM7gXlargePrice(BUNDLED, "0.2000", LocalDate.of(2026, 11, 1));
        PriceTableJson.write(refreshed, dir.resolve("us-east-1.json"));

        PriceBook book = PriceBook.standard(dir);

        assertThat(book.forRegion("us-east-1").asOf()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(book.forRegion("us-east-1").instanceType("m7g.xlarge").onDemandHourlyUsd())
                .isEqualByComparingTo("0.2000");
        assertThat(book.originOf("us-east-1")).isEqualTo(dir.resolve("us-east-1.json").toString());
        assertThat(PriceBook.standard(dir.resolve("missing")).originOf("us-east-1"))
                .isEqualTo("bundled prices-us-east-1.json");
    }

    @Test
    void aRefreshedTableAddsARegion(@TempDir Path dir) {
        PriceTable euWest = new PriceTable(1, "eu-west-1", "USD", LocalDate.of(2026, 11, 2), BUNDLED.sources(),
                BUNDLED.notes(), BUNDLED.lambda(), BUNDLED.lmi(), BUNDLED.instanceTypes());
        PriceTableJson.write(euWest, dir.resolve("eu-west-1.json"));

        assertThat(PriceBook.standard(dir).forRegion("eu-west-1").region()).isEqualTo("eu-west-1");
    }

    @Test
    void anExplicitFileComesFirstAndMustBeForTheRegionAskedFor(@TempDir Path dir) {
        Path file = dir.resolve("mine.json");
        PriceTableJson.write(withM7gXlargePrice(BUNDLED, "0.3000", LocalDate.of(2026, 12, 1)), file);

        PriceBook book = PriceBook.standard(dir.resolve("none")).withFileFirst(file);
        assertThat(book.forRegion("us-east-1").instanceType("m7g.xlarge").onDemandHourlyUsd())
                .isEqualByComparingTo("0.3000");
        assertThatThrownBy(() -> book.forRegion("eu-west-1"))
                .isInstanceOf(PriceTableException.class)
                .hasMessageContaining("mine.json").hasMessageContaining("region")
                .hasMessageContaining("eu-west-1");
    }

    @Test
    void aMisplacedTableInThePricesDirectoryIsRefused(@TempDir Path dir) {
        PriceTableJson.write(BUNDLED, dir.resolve("eu-west-1.json"));

        assertThatThrownBy(() -> PriceBook.standard(dir).forRegion("eu-west-1"))
                .isInstanceOf(PriceTableException.class)
                .hasMessageContaining("is us-east-1 but prices for eu-west-1 were asked for");
    }

    @Test
    void invalidTablesAreRefusedNamingTheField(@TempDir Path dir) throws Exception {
        String good = PriceTableJson.write(BUNDLED);
        assertRefused(dir, good.replace("\"asOf\" : \"2026-07-20\",", ""), "asOf");
        assertRefused(dir, good.replace("\"managementFeeRate\" : 0.15", "\"managementFeeRate\" : 1.5"),
                "lmi.managementFeeRate");
        assertRefused(dir, good.replace("\"upToGbSeconds\" : 15000000000", "\"upToGbSeconds\" : 10"),
                "lambda.architectures.x86_64.durationTiers[1].upToGbSeconds");
        assertRefused(dir, good.replace("\"onDemandHourlyUsd\" : 0.1632", "\"onDemandHourlyUsd\" : -1"),
                "instanceTypes.m7g.xlarge.onDemandHourlyUsd");
        assertRefused(dir, good.replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2"), "schemaVersion");
        assertRefused(dir, "{ not json", "");
    }

    @Test
    void writeThenReadGivesTheSameTable(@TempDir Path dir) {
        Path file = dir.resolve("nested/us-east-1.json");
        PriceTableJson.write(BUNDLED, file);

        assertThat(PriceTableJson.read(file)).isEqualTo(BUNDLED);
    }

    private static void assertRefused(Path dir, String json, String field) throws Exception {
        Path file = Files.createTempFile(dir, "bad", ".json");
        Files.writeString(file, json);
        assertThatThrownBy(() -> PriceTableJson.read(file))
                .isInstanceOf(PriceTableException.class)
                .hasMessageContaining(file.toString())
                .satisfies(e -> assertThat(((PriceTableException) e).field()).isEqualTo(field));
    }

    static PriceTable withM7gXlargePrice(PriceTable base, String price, LocalDate asOf) {
        Map<String, PriceTable.InstanceTypePrice> types = new HashMap<>(base.instanceTypes());
        PriceTable.InstanceTypePrice old = types.get("m7g.xlarge");
        types.put("m7g.xlarge", new PriceTable.InstanceTypePrice(old.vcpus(), old.memoryGib(), old.architecture(),
                new BigDecimal(price)));
        return new PriceTable(1, base.region(), "USD", asOf, base.sources(), base.notes(), base.lambda(), base.lmi(),
                types);
    }
}

package io.lmi.controlplane.core.cost;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One region's prices, dated. This record is the JSON format of both the table shipped with the code and a table
 * refreshed from the AWS Pricing API (docs/cost-model.md describes every field). Prices are exact decimals.
 *
 * @param schemaVersion format version, {@link #SCHEMA_VERSION}
 * @param asOf the day the prices were taken from their source
 * @param sources where each group of prices came from
 * @param instanceTypes EC2 on-demand price and shape per instance type, keyed by name (m7g.xlarge)
 */
@JsonPropertyOrder({"schemaVersion", "region", "currency", "asOf", "sources", "notes", "lambda", "lmi", "instanceTypes"})
public record PriceTable(
        int schemaVersion,
        String region,
        String currency,
        LocalDate asOf,
        List<String> sources,
        List<String> notes,
        LambdaPrices lambda,
        LmiPrices lmi,
        Map<String, InstanceTypePrice> instanceTypes) {

    public static final int SCHEMA_VERSION = 1;

    public PriceTable {
        sources = sources == null ? List.of() : List.copyOf(sources);
        notes = notes == null ? List.of() : List.copyOf(notes);
        instanceTypes = instanceTypes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(instanceTypes));
    }

    /**
     * @param architectures Lambda (default) prices per architecture, keyed by x86_64 / arm64
     * @param freeTier the monthly free tier; the engine applies it only when asked (off by default)
     */
    public record LambdaPrices(Map<String, LambdaArchitecturePrices> architectures, FreeTier freeTier) {
        public LambdaPrices {
            architectures = architectures == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(architectures));
        }
    }

    /**
     * @param durationTiers ascending; each tier covers monthly GB-seconds up to {@code upToGbSeconds} (cumulative),
     *     the last one has no upper bound (null)
     */
    public record LambdaArchitecturePrices(BigDecimal requestPricePerMillionUsd, List<DurationTier> durationTiers) {
        public LambdaArchitecturePrices {
            durationTiers = durationTiers == null ? List.of() : List.copyOf(durationTiers);
        }
    }

    /** @param upToGbSeconds cumulative monthly GB-seconds where this tier ends; null for the open last tier */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DurationTier(BigDecimal upToGbSeconds, BigDecimal pricePerGbSecondUsd) {}

    public record FreeTier(long requests, BigDecimal gbSeconds) {}

    /**
     * @param managementFeeRate share of the EC2 on-demand price charged as the LMI management fee (0.15)
     */
    public record LmiPrices(BigDecimal requestPricePerMillionUsd, BigDecimal managementFeeRate) {}

    /**
     * @param lmiManagementFeeHourlyUsd the per-type management fee the Pricing API lists, when a refresh found one;
     *     informational (its presence marks the type as offered for LMI in the region); the engine always charges
     *     {@code managementFeeRate} of the on-demand price, which is how AWS defines the fee
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InstanceTypePrice(
            int vcpus,
            BigDecimal memoryGib,
            Architecture architecture,
            BigDecimal onDemandHourlyUsd,
            BigDecimal lmiManagementFeeHourlyUsd) {

        public InstanceTypePrice(int vcpus, BigDecimal memoryGib, Architecture architecture, BigDecimal onDemandHourlyUsd) {
            this(vcpus, memoryGib, architecture, onDemandHourlyUsd, null);
        }

        @JsonIgnore
        public long memoryMb() {
            return memoryGib.multiply(BigDecimal.valueOf(1024)).longValueExact();
        }
    }

    /**
     * @throws UnknownInstanceTypeException naming the type and region when the table has no price for it
     */
    public InstanceTypePrice instanceType(String name) {
        InstanceTypePrice price = instanceTypes.get(name);
        if (price == null) {
            String family = InstanceTypeName.tryParse(name).map(InstanceTypeName::family).orElse("");
            String sameFamily = instanceTypes.keySet().stream()
                    .filter(t -> !family.isEmpty() && t.startsWith(family + "."))
                    .collect(Collectors.joining(", "));
            String hint = sameFamily.isEmpty()
                    ? "; priced families: " + pricedFamilies()
                    : "; priced sizes of " + family + ": " + sameFamily;
            throw new UnknownInstanceTypeException(name, region, hint);
        }
        return price;
    }

    /** Lambda prices for the architecture; a table without them cannot price a Lambda estimate. */
    public LambdaArchitecturePrices lambdaPrices(Architecture architecture) {
        LambdaArchitecturePrices prices = lambda.architectures().get(architecture.id());
        if (prices == null) {
            throw new PriceTableException(region, "lambda.architectures." + architecture.id(),
                    "no Lambda prices for " + architecture.id() + " in this region's table");
        }
        return prices;
    }

    private String pricedFamilies() {
        return instanceTypes.keySet().stream()
                .map(t -> InstanceTypeName.tryParse(t).map(InstanceTypeName::family).orElse(t))
                .distinct()
                .collect(Collectors.joining(", "));
    }
}

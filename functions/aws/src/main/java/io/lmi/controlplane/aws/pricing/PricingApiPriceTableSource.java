package io.lmi.controlplane.aws.pricing;

import io.lmi.controlplane.core.cost.Architecture;
import io.lmi.controlplane.core.cost.PriceBook;
import io.lmi.controlplane.core.cost.PriceTable;
import io.lmi.controlplane.core.cost.PriceTableJson;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.pricing.model.Filter;
import software.amazon.awssdk.services.pricing.model.FilterType;
import software.amazon.awssdk.services.pricing.model.GetProductsRequest;

/**
 * Builds a {@link PriceTable} for a region from the AWS Price List Query API (GetProducts), in the same JSON format as
 * the table shipped with the code, so the engine reads a refreshed table the same way
 * ({@code PriceBook.standard(~/.lmi/prices)} picks up {@code <region>.json}).
 *
 * <p>What is read (lmi-api-and-pricing.md 6.5):
 * <ul>
 *   <li>EC2 on-demand, one GetProducts per instance type: ServiceCode AmazonEC2 with TERM_MATCH regionCode,
 *       instanceType, operatingSystem=Linux, tenancy=Shared, preInstalledSw=NA, capacitystatus=Used,
 *       marketoption=OnDemand, productFamily=Compute Instance, licenseModel=No License required (Karpenter's filters);
 *       price from the "Hrs" on-demand dimension, vCPU and memory from the product attributes. A type with no product
 *       is not offered in the region and is left out (and named in the table's notes).</li>
 *   <li>Lambda, one paginated GetProducts for ServiceCode AWSLambda with TERM_MATCH regionCode, classified by the
 *       product's group: AWS-Lambda-Duration / -Duration-ARM (tiered per GB-second), AWS-Lambda-Requests /
 *       -Requests-ARM; and the LMI products: attribute lambdaManagedInstanceType with a usagetype containing
 *       Management-Hours (the per-type management fee), attribute lambdaManagedInstances-RequestType (LMI requests).</li>
 * </ul>
 * Not in the Pricing API as used here, so taken from the Lambda pricing page and recorded in the table's notes: the
 * management fee rate (15% of the EC2 on-demand price) and the Lambda free tier. When no LMI request product is found,
 * the region's own x86_64 Lambda request price is used, as the pricing page charges both the same, and a note says so.
 * Missing Lambda duration or request prices, or no EC2 price at all, is an error: a region is never priced by guess.
 */
public final class PricingApiPriceTableSource {
    /** The Price List Query API is served from us-east-1 (also ap-south-1, eu-central-1) for every region. */
    public static final Region PRICING_ENDPOINT_REGION = Region.US_EAST_1;
    /** https://aws.amazon.com/lambda/pricing/: "15% premium on the EC2 on-demand instance price". */
    public static final BigDecimal PRICING_PAGE_MANAGEMENT_FEE_RATE = new BigDecimal("0.15");
    /** https://aws.amazon.com/lambda/pricing/: 1M requests and 400,000 GB-seconds a month. */
    public static final PriceTable.FreeTier PRICING_PAGE_FREE_TIER =
            new PriceTable.FreeTier(1_000_000, new BigDecimal("400000"));
    /** GetProducts' largest page. */
    public static final int PAGE_SIZE = 100;

    static final String EC2 = "AmazonEC2";
    static final String LAMBDA = "AWSLambda";
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final Pattern GIB = Pattern.compile("^([0-9][0-9,.]*)\\s*GiB$");
    /** A published per-type fee this far from 15% of the on-demand price is reported in the notes. */
    private static final BigDecimal FEE_TOLERANCE_USD = new BigDecimal("0.000001");

    private final PricingClient client;
    private final Clock clock;

    public PricingApiPriceTableSource(PricingClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A client for the real Pricing API endpoint, on the project's one HTTP client, default credentials. */
    public static PricingClient defaultClient() {
        return PricingClient.builder()
                .region(PRICING_ENDPOINT_REGION)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** The instance types of the table shipped with the code: the families and sizes the sizing chooses from. */
    public static Set<String> bundledInstanceTypes() {
        return PriceBook.bundled().forRegion("us-east-1").instanceTypes().keySet();
    }

    /** Fetches the region's table and writes it to {@code <pricesDirectory>/<region>.json}, atomically. */
    public Path refreshTo(Path pricesDirectory, String region, Collection<String> instanceTypes) {
        Path file = pricesDirectory.resolve(region + ".json");
        PriceTableJson.write(fetch(region, instanceTypes), file);
        return file;
    }

    /**
     * @throws PricingRefreshException when the region has no EC2 prices for any requested type, or lacks Lambda
     *     duration or request prices
     */
    public PriceTable fetch(String region, Collection<String> instanceTypes) {
        Instant fetchedAt = clock.instant();
        List<String> notes = new ArrayList<>();
        Map<String, PriceTable.InstanceTypePrice> ec2 = ec2Prices(region, new TreeSet<>(instanceTypes), notes);
        List<PriceListProduct> lambdaProducts = products(LAMBDA, List.of(term("regionCode", region)));
        Map<String, PriceTable.LambdaArchitecturePrices> lambda = lambdaPrices(region, lambdaProducts);
        Map<String, BigDecimal> fees = managementFees(lambdaProducts);
        BigDecimal lmiRequests = lmiRequestPrice(region, lambdaProducts, lambda, notes);

        Map<String, PriceTable.InstanceTypePrice> withFees = new TreeMap<>();
        List<String> feeMismatch = new ArrayList<>();
        ec2.forEach((type, p) -> {
            BigDecimal fee = fees.get(type);
            withFees.put(type, new PriceTable.InstanceTypePrice(p.vcpus(), p.memoryGib(), p.architecture(),
                    p.onDemandHourlyUsd(), fee));
            if (fee != null && fee.subtract(p.onDemandHourlyUsd().multiply(PRICING_PAGE_MANAGEMENT_FEE_RATE)).abs()
                    .compareTo(FEE_TOLERANCE_USD) > 0) {
                feeMismatch.add(type + " " + fee.toPlainString());
            }
        });
        if (!feeMismatch.isEmpty()) {
            notes.add("published LMI management fee differs from 15% of on demand for: " + String.join(", ",
                    feeMismatch) + "; the engine charges 15% of on demand, as the pricing page defines the fee");
        }
        List<String> withoutLmiFee = withFees.entrySet().stream()
                .filter(e -> e.getValue().lmiManagementFeeHourlyUsd() == null).map(Map.Entry::getKey).toList();
        if (!fees.isEmpty() && !withoutLmiFee.isEmpty()) {
            notes.add("no LMI management-fee product (so possibly not offered for LMI here): "
                    + String.join(", ", withoutLmiFee));
        }
        notes.add("management fee rate 0.15 and the Lambda free tier are from https://aws.amazon.com/lambda/pricing/,"
                + " not from the Pricing API");
        List<String> sources = List.of("AWS Price List Query API GetProducts, fetched " + fetchedAt + ": " + EC2
                + " (Linux, shared tenancy, on demand, capacitystatus Used) and " + LAMBDA + " for " + region);
        PriceTable table = new PriceTable(PriceTable.SCHEMA_VERSION, region, "USD",
                LocalDate.ofInstant(fetchedAt, ZoneOffset.UTC), sources, notes,
                new PriceTable.LambdaPrices(lambda, PRICING_PAGE_FREE_TIER),
                new PriceTable.LmiPrices(lmiRequests, PRICING_PAGE_MANAGEMENT_FEE_RATE), withFees);
        return PriceTableJson.validate(table, "Pricing API refresh of " + region);
    }

    /** The filters for one instance type's on-demand Linux price, as Karpenter queries it. */
    static List<Filter> ec2Filters(String region, String instanceType) {
        return List.of(
                term("regionCode", region),
                term("instanceType", instanceType),
                term("operatingSystem", "Linux"),
                term("tenancy", "Shared"),
                term("preInstalledSw", "NA"),
                term("capacitystatus", "Used"),
                term("marketoption", "OnDemand"),
                term("productFamily", "Compute Instance"),
                term("licenseModel", "No License required"));
    }

    private Map<String, PriceTable.InstanceTypePrice> ec2Prices(String region, Set<String> types, List<String> notes) {
        Map<String, PriceTable.InstanceTypePrice> out = new TreeMap<>();
        List<String> notOffered = new ArrayList<>();
        for (String type : types) {
            List<PriceListProduct> found = products(EC2, ec2Filters(region, type));
            if (found.isEmpty()) {
                notOffered.add(type);
                continue;
            }
            Set<BigDecimal> hourly = new TreeSet<>();
            PriceListProduct first = found.get(0);
            for (PriceListProduct p : found) {
                p.onDemand().stream().filter(d -> d.unit().equals("Hrs")).forEach(d -> hourly.add(d.usd()));
            }
            if (hourly.size() != 1) {
                throw new PricingRefreshException("EC2 " + type + " in " + region + ": expected one on-demand hourly"
                        + " price, the Pricing API gave " + hourly + " (SKUs " + found.stream()
                        .map(PriceListProduct::sku).toList() + ")");
            }
            out.put(type, new PriceTable.InstanceTypePrice(vcpus(first, type), memoryGib(first, type),
                    architecture(first, type), hourly.iterator().next()));
        }
        if (out.isEmpty()) {
            throw new PricingRefreshException("the Pricing API has no EC2 on-demand Linux price in region " + region
                    + " for any of " + types.size() + " instance types; is the region name right?");
        }
        if (!notOffered.isEmpty()) {
            notes.add("not offered in " + region + " (no EC2 product): " + String.join(", ", notOffered));
        }
        return out;
    }

    private static Map<String, PriceTable.LambdaArchitecturePrices> lambdaPrices(String region,
            List<PriceListProduct> products) {
        Map<String, PriceTable.LambdaArchitecturePrices> out = new LinkedHashMap<>();
        out.put(Architecture.X86_64.id(), new PriceTable.LambdaArchitecturePrices(
                requestPricePerMillion(region, products, "AWS-Lambda-Requests"),
                durationTiers(region, products, "AWS-Lambda-Duration")));
        out.put(Architecture.ARM64.id(), new PriceTable.LambdaArchitecturePrices(
                requestPricePerMillion(region, products, "AWS-Lambda-Requests-ARM"),
                durationTiers(region, products, "AWS-Lambda-Duration-ARM")));
        return out;
    }

    private static PriceListProduct onlyProductOfGroup(String region, List<PriceListProduct> products, String group) {
        List<PriceListProduct> inGroup = products.stream().filter(p -> p.attribute("group").equals(group)).toList();
        if (inGroup.size() != 1) {
            throw new PricingRefreshException("Lambda in " + region + ": expected one product of group " + group
                    + ", the Pricing API gave " + inGroup.size()
                    + (inGroup.isEmpty() ? "" : " (SKUs " + inGroup.stream().map(PriceListProduct::sku).toList() + ")"));
        }
        return inGroup.get(0);
    }

    private static List<PriceTable.DurationTier> durationTiers(String region, List<PriceListProduct> products,
            String group) {
        PriceListProduct p = onlyProductOfGroup(region, products, group);
        List<PriceTable.DurationTier> tiers = new ArrayList<>();
        BigDecimal expectedBegin = BigDecimal.ZERO;
        for (PriceListProduct.Dimension d : p.onDemand()) {
            if (d.beginRange().compareTo(expectedBegin) != 0) {
                throw new PricingRefreshException("Lambda " + group + " in " + region + ": tier starting at "
                        + d.beginRange().toPlainString() + " does not follow the previous one ending at "
                        + expectedBegin.toPlainString());
            }
            tiers.add(new PriceTable.DurationTier(d.endRange(), d.usd()));
            expectedBegin = d.endRange();
            if (d.endRange() == null) {
                break;
            }
        }
        if (tiers.isEmpty() || tiers.get(tiers.size() - 1).upToGbSeconds() != null) {
            throw new PricingRefreshException("Lambda " + group + " in " + region + ": no open-ended last tier");
        }
        return tiers;
    }

    private static BigDecimal requestPricePerMillion(String region, List<PriceListProduct> products, String group) {
        PriceListProduct p = onlyProductOfGroup(region, products, group);
        if (p.onDemand().size() != 1) {
            throw new PricingRefreshException("Lambda " + group + " in " + region + ": expected one request price,"
                    + " got " + p.onDemand().size());
        }
        return p.onDemand().get(0).usd().multiply(MILLION).stripTrailingZeros();
    }

    private static Map<String, BigDecimal> managementFees(List<PriceListProduct> products) {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (PriceListProduct p : products) {
            String type = p.attribute("lambdaManagedInstanceType");
            if (!type.isEmpty() && p.attribute("usagetype").contains("Management-Hours") && !p.onDemand().isEmpty()) {
                out.put(type, p.onDemand().get(0).usd());
            }
        }
        return out;
    }

    private static BigDecimal lmiRequestPrice(String region, List<PriceListProduct> products,
            Map<String, PriceTable.LambdaArchitecturePrices> lambda, List<String> notes) {
        Set<BigDecimal> prices = new TreeSet<>();
        for (PriceListProduct p : products) {
            if (!p.attribute("lambdaManagedInstances-RequestType").isEmpty()) {
                p.onDemand().forEach(d -> prices.add(d.usd().multiply(MILLION).stripTrailingZeros()));
            }
        }
        if (prices.size() > 1) {
            throw new PricingRefreshException("LMI requests in " + region + ": several prices per million " + prices
                    + "; the table holds one");
        }
        if (prices.isEmpty()) {
            BigDecimal lambdaPrice = lambda.get(Architecture.X86_64.id()).requestPricePerMillionUsd();
            notes.add("no LMI request product in the Pricing API; LMI requests priced as this region's Lambda requests ("
                    + lambdaPrice.toPlainString() + " per million), as the pricing page charges both the same");
            return lambdaPrice;
        }
        return prices.iterator().next();
    }

    private List<PriceListProduct> products(String serviceCode, List<Filter> filters) {
        GetProductsRequest request = GetProductsRequest.builder()
                .serviceCode(serviceCode)
                .filters(filters)
                .formatVersion("aws_v1")
                .maxResults(PAGE_SIZE)
                .build();
        List<PriceListProduct> out = new ArrayList<>();
        client.getProductsPaginator(request).priceList().forEach(item -> out.add(PriceListProduct.parse(item)));
        return out;
    }

    private static Filter term(String field, String value) {
        return Filter.builder().type(FilterType.TERM_MATCH).field(field).value(value).build();
    }

    private static int vcpus(PriceListProduct p, String type) {
        try {
            return Integer.parseInt(p.attribute("vcpu").trim());
        } catch (NumberFormatException e) {
            throw new PricingRefreshException("EC2 " + type + ": vcpu attribute '" + p.attribute("vcpu")
                    + "' is not a number");
        }
    }

    private static BigDecimal memoryGib(PriceListProduct p, String type) {
        Matcher m = GIB.matcher(p.attribute("memory").trim());
        if (!m.matches()) {
            throw new PricingRefreshException("EC2 " + type + ": memory attribute '" + p.attribute("memory")
                    + "' is not 'N GiB'");
        }
        return new BigDecimal(m.group(1).replace(",", ""));
    }

    /** Graviton by the processor attribute, else by the family's g (a Graviton family: m7g, c8gn, r6gd). */
    private static Architecture architecture(PriceListProduct p, String type) {
        if (p.attribute("physicalProcessor").contains("Graviton") || type.matches("^[a-z]+[0-9]+g[a-z]*\\..*")) {
            return Architecture.ARM64;
        }
        return Architecture.X86_64;
    }
}

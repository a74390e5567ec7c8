package io.lmi.controlplane.aws.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One item of a GetProducts PriceList (a JSON document per product, format aws_v1): its attributes and its on-demand
 * price dimensions. Reserved terms are ignored: commitment discounts are modelled as rates, not read per SKU.
 */
record PriceListProduct(String sku, Map<String, String> attributes, List<Dimension> onDemand) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * @param beginRange lower bound of a tier, in the dimension's unit
     * @param endRange upper bound, null for "Inf"
     */
    record Dimension(String unit, BigDecimal beginRange, BigDecimal endRange, BigDecimal usd) {}

    static PriceListProduct parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new PricingRefreshException("a GetProducts PriceList item is not JSON: " + e.getMessage(), e);
        }
        JsonNode product = root.path("product");
        Map<String, String> attributes = new HashMap<>();
        product.path("attributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
        String sku = product.path("sku").asText(root.path("sku").asText(""));
        List<Dimension> dimensions = new ArrayList<>();
        root.path("terms").path("OnDemand").forEach(term -> term.path("priceDimensions").forEach(d -> {
            JsonNode usd = d.path("pricePerUnit").path("USD");
            if (usd.isMissingNode() || usd.asText().isBlank()) {
                return;
            }
            dimensions.add(new Dimension(d.path("unit").asText(""), range(d.path("beginRange"), BigDecimal.ZERO),
                    range(d.path("endRange"), null), new BigDecimal(usd.asText())));
        }));
        dimensions.sort(Comparator.comparing(Dimension::beginRange));
        return new PriceListProduct(sku, Map.copyOf(attributes), List.copyOf(dimensions));
    }

    String attribute(String name) {
        return attributes.getOrDefault(name, "");
    }

    private static BigDecimal range(JsonNode node, BigDecimal whenAbsent) {
        if (node.isMissingNode() || node.asText().isBlank() || "Inf".equalsIgnoreCase(node.asText())) {
            return whenAbsent;
        }
        return new BigDecimal(node.asText());
    }
}

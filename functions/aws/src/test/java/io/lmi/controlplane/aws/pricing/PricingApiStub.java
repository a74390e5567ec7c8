package io.lmi.controlplane.aws.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The AWS Price List Query API's GetProducts on 127.0.0.1, answering from recorded product documents (test resources
 * pricing/*.json). No emulator serves the Pricing API (moto 5.2.1 has no pricing backend), so this stub is the one
 * stand-in: it speaks the JSON 1.1 protocol the SDK uses, applies TERM_MATCH filters to the products' attributes the
 * way the service does, and pages the Lambda products in two pages, as recorded.
 */
final class PricingApiStub implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String SECOND_PAGE_TOKEN = "eyJwYWdlIjoyfQ==";

    record Call(String target, JsonNode body) {}

    private final HttpServer server;
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final ArrayNode ec2 = load("ec2-products.json");
    private final ArrayNode lambdaPage1 = load("lambda-products-page1.json");
    private final ArrayNode lambdaPage2 = load("lambda-products-page2.json");
    private volatile Predicate<JsonNode> dropLambdaProduct = p -> false;

    PricingApiStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Leaves out recorded Lambda products, to show what a region missing them does. */
    void dropLambdaProducts(Predicate<JsonNode> which) {
        dropLambdaProduct = which;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = MAPPER.readTree(exchange.getRequestBody());
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            calls.add(new Call(target, body));
            if (!"POST".equals(exchange.getRequestMethod()) || !"AWSPriceListService.GetProducts".equals(target)) {
                respond(exchange, 400, error("UnknownOperationException", "only GetProducts is recorded"));
                return;
            }
            String service = body.path("ServiceCode").asText();
            ObjectNode out = MAPPER.createObjectNode().put("FormatVersion", "aws_v1");
            ArrayNode priceList = out.putArray("PriceList");
            if (service.equals("AmazonEC2")) {
                matching(ec2, body.path("Filters")).forEach(p -> priceList.add(p.toString()));
            } else if (service.equals("AWSLambda")) {
                boolean second = SECOND_PAGE_TOKEN.equals(body.path("NextToken").asText());
                ArrayNode page = second ? lambdaPage2 : lambdaPage1;
                matching(page, body.path("Filters")).stream().filter(p -> !dropLambdaProduct.test(p))
                        .forEach(p -> priceList.add(p.toString()));
                if (!second) {
                    out.put("NextToken", SECOND_PAGE_TOKEN);
                }
            } else {
                respond(exchange, 400, error("NotFoundException", "no recorded products for " + service));
                return;
            }
            respond(exchange, 200, out.toString());
        }
    }

    /** TERM_MATCH: the product's attribute (or productFamily) equals the value, ignoring case, as the service does. */
    private static List<JsonNode> matching(ArrayNode products, JsonNode filters) {
        Set<String> known = Set.of("TERM_MATCH");
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode product : products) {
            boolean all = true;
            for (JsonNode f : filters) {
                if (!known.contains(f.path("Type").asText())) {
                    throw new IllegalStateException("stub only records TERM_MATCH, got " + f);
                }
                String field = f.path("Field").asText();
                JsonNode value = field.equals("productFamily")
                        ? product.path("product").path("productFamily")
                        : product.path("product").path("attributes").path(field);
                all &= value.asText().equalsIgnoreCase(f.path("Value").asText());
            }
            if (all) {
                out.add(product);
            }
        }
        return out;
    }

    private static String error(String type, String message) {
        return MAPPER.createObjectNode().put("__type", type).put("message", message).toString();
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", "stub-" + System.nanoTime());
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static ArrayNode load(String name) {
        try (InputStream in = PricingApiStub.class.getResourceAsStream("/pricing/" + name)) {
            return (ArrayNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

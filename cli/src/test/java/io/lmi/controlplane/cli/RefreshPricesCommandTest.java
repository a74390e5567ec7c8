package io.lmi.controlplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lmi.controlplane.core.cost.PriceBook;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pricing.PricingClient;

/**
 * The refresh command end to end against GetProducts on 127.0.0.1 (no emulator serves the Pricing API). The stub
 * here answers with a minimal recorded shape: one EC2 product for m7g.xlarge and the four Lambda price groups; the
 * adapter's own tests (functions/aws) cover filters, pagination and parsing in depth.
 */
class RefreshPricesCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private HttpServer server;
    private volatile int status = 200;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::getProducts);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void writesTheTableThatCostThenReads() {
        StringWriter out = new StringWriter();
        int code = command(out, new StringWriter()).execute("--region", "us-east-1", "--prices-dir", dir.toString(),
                "--instance-types", "m7g.xlarge,c9z.large");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("Wrote " + dir.resolve("us-east-1.json"))
                .contains("1 instance types, prices as of 2026-11-25").contains("c9z.large");
        var table = PriceBook.standard(dir).forRegion("us-east-1");
        assertThat(table.instanceType("m7g.xlarge").onDemandHourlyUsd()).isEqualByComparingTo("0.1632");

        StringWriter costOut = new StringWriter();
        CommandLine cost = new CommandLine(new CostCommand(dir));
        cost.setOut(new PrintWriter(costOut));
        int costCode = cost.execute("--requests-per-month", "100000000", "--avg-duration-ms", "100", "--memory-mb",
                "2048", "--arch", "arm64", "--runtime", "java21", "--instance-type", "m7g.xlarge");
        assertThat(costCode).isZero();
        assertThat(costOut.toString()).contains("prices as of 2026-11-25 (" + dir.resolve("us-east-1.json"));
    }

    @Test
    void aFailingPricingApiExitsOneAndSaysWhy() {
        status = 500;
        StringWriter err = new StringWriter();

        int code = command(new StringWriter(), err).execute("--region", "us-east-1", "--prices-dir", dir.toString(),
                "--instance-types", "m7g.xlarge");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("Refreshing prices for us-east-1 failed");
        assertThat(dir.resolve("us-east-1.json")).doesNotExist();
    }

    @Test
    void aMissingRegionIsAUsageError() {
        StringWriter err = new StringWriter();
        assertThat(command(new StringWriter(), err).execute("--prices-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--region");
    }

    private CommandLine command(StringWriter out, StringWriter err) {
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        CommandLine cli = new CommandLine(new RefreshPricesCommand(() -> PricingClient.builder()
                .endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "s")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build(), CLOCK));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli;
    }

    private void getProducts(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = MAPPER.readTree(exchange.getRequestBody());
            ObjectNode out = MAPPER.createObjectNode().put("FormatVersion", "aws_v1");
            ArrayNode list = out.putArray("PriceList");
            String instanceType = "";
            for (JsonNode f : body.path("Filters")) {
                if (f.path("Field").asText().equals("instanceType")) {
                    instanceType = f.path("Value").asText();
                }
            }
            if (body.path("ServiceCode").asText().equals("AmazonEC2") && instanceType.equals("m7g.xlarge")) {
                list.add(product("Compute Instance", "{\"instanceType\":\"m7g.xlarge\",\"vcpu\":\"4\","
                        + "\"memory\":\"16 GiB\",\"physicalProcessor\":\"AWS Graviton3 Processor\"}",
                        dimension("Hrs", "0", "Inf", "0.1632000000")));
            } else if (body.path("ServiceCode").asText().equals("AWSLambda")) {
                list.add(product("Serverless", "{\"group\":\"AWS-Lambda-Duration\"}",
                        dimension("Lambda-GB-Second", "0", "6000000000", "0.0000166667") + ","
                                + dimension("Lambda-GB-Second", "6000000000", "15000000000", "0.0000150000") + ","
                                + dimension("Lambda-GB-Second", "15000000000", "Inf", "0.0000133334")));
                list.add(product("Serverless", "{\"group\":\"AWS-Lambda-Duration-ARM\"}",
                        dimension("Lambda-GB-Second", "0", "7500000000", "0.0000133334") + ","
                                + dimension("Lambda-GB-Second", "7500000000", "18750000000", "0.0000120001") + ","
                                + dimension("Lambda-GB-Second", "18750000000", "Inf", "0.0000106667")));
                list.add(product("Serverless", "{\"group\":\"AWS-Lambda-Requests\"}",
                        dimension("Requests", "0", "Inf", "0.0000002000")));
                list.add(product("Serverless", "{\"group\":\"AWS-Lambda-Requests-ARM\"}",
                        dimension("Requests", "0", "Inf", "0.0000002000")));
            }
            byte[] bytes = (status == 200 ? out.toString()
                    : "{\"__type\":\"InternalErrorException\",\"message\":\"recorded failure\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static int counter;

    private static String dimension(String unit, String begin, String end, String usd) {
        counter++;
        return "\"D" + counter + "\":{\"unit\":\"" + unit + "\",\"beginRange\":\"" + begin + "\",\"endRange\":\"" + end
                + "\",\"pricePerUnit\":{\"USD\":\"" + usd + "\"}}";
    }

    private static String product(String family, String attributes, String dimensions) {
        return "{\"product\":{\"productFamily\":\"" + family + "\",\"sku\":\"SKU" + (++counter) + "\",\"attributes\":"
                + attributes + "},\"terms\":{\"OnDemand\":{\"T\":{\"priceDimensions\":{" + dimensions + "}}}}}";
    }
}

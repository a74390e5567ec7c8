package io.lmi.controlplane.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * An SDK HTTP client on the JDK's own {@code java.net.http.HttpClient}, for the APIs that use HTTP PATCH.
 *
 * <p>The project's shared url-connection client is built on {@code HttpURLConnection}, which refuses PATCH
 * ({@code ProtocolException: Invalid HTTP method: PATCH}, aws-sdk-java-v2 issue 3046), and API Gateway's REST API
 * updates (UpdateStage, UpdateIntegration, ...) are PATCH requests. The SDK's own answer is the Apache or Netty client,
 * which the build excludes everywhere; this one needs nothing beyond the JDK. Use it only for such clients (see
 * {@code ApiGatewayRestShifter.client}); everything else stays on the shared client.
 */
public final class JdkHttpClient implements SdkHttpClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    // As the shared client's socket timeout: a hung call fails well inside a step's Lambda timeout.
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    // The JDK client computes these itself and refuses to be given them; it derives the same values the SDK signed.
    private static final Set<String> SET_BY_THE_JDK = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final HttpClient client;
    private final Duration requestTimeout;

    private JdkHttpClient(Duration connectTimeout, Duration requestTimeout) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.requestTimeout = requestTimeout;
    }

    public static JdkHttpClient create() {
        return new JdkHttpClient(CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                return execute(request);
            }

            @Override
            public void abort() {
                // A synchronous send of the JDK client cannot be cancelled; the request timeout bounds it.
            }
        };
    }

    private HttpExecuteResponse execute(HttpExecuteRequest request) throws IOException {
        SdkHttpRequest http = request.httpRequest();
        HttpRequest.Builder builder = HttpRequest.newBuilder(http.getUri()).timeout(requestTimeout);
        http.forEachHeader((name, values) -> {
            if (!SET_BY_THE_JDK.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        builder.method(http.method().name(), body(http, request.contentStreamProvider().orElse(null)));
        HttpResponse<InputStream> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during " + http.method() + " " + http.getUri());
        }
        SdkHttpFullResponse.Builder sdkResponse = SdkHttpFullResponse.builder().statusCode(response.statusCode());
        response.headers().map().forEach(sdkResponse::putHeader);
        return HttpExecuteResponse.builder().response(sdkResponse.build())
                .responseBody(AbortableInputStream.create(response.body())).build();
    }

    private static HttpRequest.BodyPublisher body(SdkHttpRequest http, ContentStreamProvider content) {
        if (content == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        long length = http.firstMatchingHeader("Content-Length").map(Long::parseLong).orElse(-1L);
        if (length == 0) {
            return HttpRequest.BodyPublishers.noBody();
        }
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(content::newStream);
        return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
    }

    @Override
    public String clientName() {
        return "JdkHttp";
    }

    @Override
    public void close() {
        // The JDK client of Java 17 has nothing to close; its threads end with the process.
    }
}

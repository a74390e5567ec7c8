package io.lmi.controlplane.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The one place SDK clients get their configuration: one shared url-connection HTTP client, the region, the
 * credentials, and an endpoint override for the local AWS.
 *
 * <p>Build this once per process (a handler's constructor, the CLI's start) and build each service client from it
 * once: clients are thread-safe and expensive to create. Service clients are built by the caller
 * ({@code clients.configure(LambdaClient.builder()).build()}) so that this class references no service module and a
 * deployable only needs the SDK modules it actually calls.
 */
public final class AwsClients implements AutoCloseable {
    /**
     * 6 attempts rather than standard mode's 3: capacity-provider writes are limited to 1 per second, and three
     * full-jitter waits (up to 1 s, then 2 s) still end inside the same second about one time in four when two
     * writes meet; five waits (up to 1, 2, 4, 8, 16 s) make that about one in a hundred thousand.
     */
    public static final int MAX_ATTEMPTS = 6;

    /** Environment variable the SDK itself honours for an endpoint override; we read it too, to report it. */
    public static final String ENDPOINT_ENV = "AWS_ENDPOINT_URL";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    // Long enough for the slowest control-plane call we make (GetMetricData over 14 days), short enough that a hung
    // connection fails the step well inside the Lambda timeout so Step Functions can retry it.
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

    private final SdkHttpClient httpClient;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final URI endpointOverride;

    private AwsClients(Region region, AwsCredentialsProvider credentials, URI endpointOverride) {
        this.region = Objects.requireNonNull(region, "region");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.endpointOverride = endpointOverride;
        this.httpClient = UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build();
    }

    /** Region from {@code AWS_REGION}, credentials from the default chain, endpoint from {@code AWS_ENDPOINT_URL}. */
    public static AwsClients fromEnvironment() {
        String regionName = Optional.ofNullable(System.getenv("AWS_REGION"))
                .or(() -> Optional.ofNullable(System.getenv("AWS_DEFAULT_REGION")))
                .orElseThrow(() -> new IllegalStateException(
                        "AWS_REGION is not set: set it to the region the control plane runs in (Lambda sets it for you)"));
        String endpoint = System.getenv(ENDPOINT_ENV);
        return new AwsClients(Region.of(regionName), DefaultCredentialsProvider.builder().build(),
                endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint));
    }

    public static AwsClients of(Region region, AwsCredentialsProvider credentials, URI endpointOverride) {
        return new AwsClients(region, credentials, endpointOverride);
    }

    /** Applies the shared configuration to a service client builder; the caller builds it. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder) {
        builder.region(region)
                .credentialsProvider(credentials)
                .httpClient(httpClient)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        // Standard mode retries throttling (HTTP 429, e.g. Lambda's TooManyRequestsException on the
                        // 1 write/s capacity-provider APIs) with jittered backoff; see MAX_ATTEMPTS for how many times.
                        .retryStrategy(RetryMode.STANDARD)
                        .retryStrategy(b -> b.maxAttempts(MAX_ATTEMPTS))
                        .build());
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        return builder;
    }

    public Region region() {
        return region;
    }

    public Optional<URI> endpointOverride() {
        return Optional.ofNullable(endpointOverride);
    }

    @Override
    public void close() {
        httpClient.close();
    }
}

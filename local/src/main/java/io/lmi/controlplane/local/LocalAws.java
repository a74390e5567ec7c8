package io.lmi.controlplane.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The project's local AWS: moto 5.2.1 with the extensions in {@code local/moto}, in a child Python process on a
 * loopback port. Start one with {@link #start}, stop it with {@link #close}; the child also stops by itself when this
 * JVM dies, because it watches its standard input.
 */
public final class LocalAws implements AwsTarget, AutoCloseable {

    public static final String MOTO_VERSION = "5.2.1";
    public static final String INSTALL_HINT = "pip install \"moto[server]==" + MOTO_VERSION + "\"";
    /** The Python interpreter to use; {@code python3} on the PATH unless set. */
    public static final String PYTHON_PROPERTY = "lmi.python";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final String READY_MARKER = "LMI_LOCAL_READY ";

    private final Process process;
    private final URI endpoint;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LocalAws(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** Starts the local AWS on {@code port} (0 picks a free port) and waits until it answers. */
    public static LocalAws start(int port) {
        RepositoryLayout layout = RepositoryLayout.locate();
        String python = System.getProperty(PYTHON_PROPERTY, "python3");
        checkMotoInstalled(python);
        try {
            Files.createDirectories(layout.workDirectory());
            Path log = Files.createTempFile(layout.workDirectory(), "local-aws-", ".log");
            ProcessBuilder builder = new ProcessBuilder(python, "-m", "lmi_local", "--port", String.valueOf(port),
                    "--exit-with-parent")
                    .directory(layout.motoExtensions().toFile())
                    .redirectErrorStream(true);
            builder.environment().put("PYTHONPATH", layout.motoExtensions().toString());
            builder.environment().put("PYTHONUNBUFFERED", "1");
            Process process = builder.start();
            URI endpoint = awaitReady(process, log);
            return new LocalAws(process, endpoint, log);
        } catch (IOException e) {
            throw new LocalAwsUnavailableException("cannot start the local AWS with " + python + ": " + e.getMessage(), e);
        }
    }

    private static void checkMotoInstalled(String python) {
        String version;
        try {
            Process probe = new ProcessBuilder(python, "-c", "import moto, werkzeug; print(moto.__version__)")
                    .redirectErrorStream(true).start();
            version = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
                throw new LocalAwsUnavailableException("moto is not installed for " + python + ": " + INSTALL_HINT);
            }
        } catch (IOException e) {
            throw new LocalAwsUnavailableException(python + " was not found (Python 3.9+ is needed): install it, then "
                    + INSTALL_HINT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalAwsUnavailableException("interrupted while checking for moto", e);
        }
        if (!MOTO_VERSION.equals(version)) {
            throw new LocalAwsUnavailableException("the local AWS needs moto " + MOTO_VERSION + " (found " + version
                    + "): " + INSTALL_HINT);
        }
    }

    private static URI awaitReady(Process process, Path log) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        CompletableFuture<URI> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (OutputStream sink = Files.newOutputStream(log)) {
                String line;
                while ((line = output.readLine()) != null) {
                    if (!ready.isDone()) {
                        seen.add(line);
                        if (line.startsWith(READY_MARKER)) {
                            ready.complete(URI.create(line.substring(READY_MARKER.length()).trim()));
                        }
                    }
                    sink.write((line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
                    sink.flush();
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IOException("the local AWS exited before it was ready"));
        }, "local-aws-output");
        pump.setDaemon(true);
        pump.start();
        try {
            return ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new LocalAwsUnavailableException("the local AWS did not start within " + START_TIMEOUT.toSeconds()
                    + " s; its output:\n" + String.join("\n", seen), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new LocalAwsUnavailableException("interrupted while starting the local AWS", e);
        }
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return endpoint.getPort();
    }

    /** The local AWS's output, for a failing test's diagnosis. */
    public Path log() {
        return log;
    }

    /** Changes settings of the local AWS (delays, rate limits); see local/moto/lmi_local/settings.py. */
    public void settings(Map<String, Object> values) {
        post("/_lmi/settings", Json.write(values));
    }

    /**
     * Routes invocations of {@code functions} (names) to a handler host at {@code hostUrl}, so that they run the
     * project's real handler classes (protocol: local/README-host-protocol.md).
     */
    public void registerFunctionHost(URI hostUrl, java.util.Collection<String> functions) {
        post("/_lmi/function-hosts", Json.write(Map.of("hostUrl", hostUrl.toString(), "functions", functions)));
    }

    /** Wipes every resource (not the settings). */
    public void reset() {
        post("/moto-api/reset", "");
    }

    String post(String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("local AWS " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("local AWS " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

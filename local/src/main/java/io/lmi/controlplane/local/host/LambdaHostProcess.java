package io.lmi.controlplane.local.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The handler host in its own JVM, whose environment is the functions' environment, exactly as Lambda gives each
 * function its variables. It runs with this JVM's class path, which holds the handler classes (the CLI's and the
 * tests' class paths both do).
 */
public final class LambdaHostProcess implements AutoCloseable {
    private final Process process;
    private final URI url;
    private final Path log;

    private LambdaHostProcess(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    public static LambdaHostProcess start(Collection<String> functions, Map<String, String> environment, Path logDirectory) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                // The handlers are sized for Lambda (up to 1 GB each); locally they share one JVM.
                "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                LambdaHostMain.class.getName()));
        command.addAll(functions);
        try {
            Files.createDirectories(logDirectory);
            Path log = Files.createTempFile(logDirectory, "lambda-host-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            builder.environment().putAll(environment);
            Process process = builder.start();
            URI url = awaitReady(process, log);
            return new LambdaHostProcess(process, url, log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the local handler host: " + e.getMessage(), e);
        }
    }

    private static URI awaitReady(Process process, Path log) throws IOException {
        CompletableFuture<URI> ready = new CompletableFuture<>();
        List<String> seen = new ArrayList<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)); OutputStream sink = Files.newOutputStream(log)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (!ready.isDone()) {
                        seen.add(line);
                        if (line.startsWith(LambdaHostMain.READY_MARKER)) {
                            ready.complete(URI.create(line.substring(LambdaHostMain.READY_MARKER.length()).trim()));
                        }
                    }
                    sink.write((line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
                    sink.flush();
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IOException("the handler host exited: " + String.join("\n", seen)));
        }, "lambda-host-output");
        pump.setDaemon(true);
        pump.start();
        try {
            return ready.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the local handler host did not start: " + e.getMessage(), e);
        }
    }

    public URI url() {
        return url;
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // Closing stdin is only the polite way to stop it; destroy() below is the sure one.
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

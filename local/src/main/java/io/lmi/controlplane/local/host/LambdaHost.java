package io.lmi.controlplane.local.host;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the control plane's own handler classes for the local AWS: moto forwards each invocation of a registered
 * function here (protocol: local/README-host-protocol.md), and the handler runs in this JVM with a real
 * {@link com.amazonaws.services.lambda.runtime.Context} and the Lambda Java runtime's serialization. A thrown
 * exception comes back as a function error, so Step Functions' Retry and Catch see what they would on AWS.
 */
public final class LambdaHost implements AutoCloseable {

    private static final Pattern INVOKE_PATH = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService requests = Executors.newCachedThreadPool(daemon("lambda-host-request"));
    private final ExecutorService invocations = Executors.newCachedThreadPool(daemon("lambda-host-invocation"));
    private final Map<String, HandlerInvoker> handlers = new ConcurrentHashMap<>();
    private final Set<String> functions;
    private final PrintStream out;

    private LambdaHost(HttpServer server, Set<String> functions, PrintStream out) {
        this.server = server;
        this.functions = Set.copyOf(functions);
        this.out = out;
    }

    /** Starts hosting {@code functions} (names) on a loopback port ({@code 0} = free port). */
    public static LambdaHost start(int port, Set<String> functions, PrintStream out) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        LambdaHost host = new LambdaHost(server, functions, out);
        server.createContext("/", host::handle);
        server.setExecutor(host.requests);
        server.start();
        return host;
    }

    public URI url() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = INVOKE_PATH.matcher(exchange.getRequestURI().getPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
                respond(exchange, 404, Map.of(), "{\"message\":\"not an invocation\"}");
                return;
            }
            String function = path.group(1);
            if (!functions.contains(function)) {
                respond(exchange, 404, Map.of(), "{\"message\":\"this host does not run " + function + "\"}");
                return;
            }
            byte[] payload = exchange.getRequestBody().readAllBytes();
            Invocation invocation = Invocation.from(function, exchange);
            Result result = invoke(invocation, payload);
            respond(exchange, 200, result.error ? Map.of("X-Amz-Function-Error", "Unhandled") : Map.of(),
                    new String(result.body, StandardCharsets.UTF_8));
        }
    }

    private Result invoke(Invocation invocation, byte[] payload) {
        HandlerInvoker invoker;
        try {
            invoker = handlers.computeIfAbsent(invocation.function + "|" + invocation.handler,
                    key -> HandlerInvoker.load(invocation.handler));
        } catch (HandlerInvoker.HandlerLoadException e) {
            return Result.error("Runtime.ImportModuleError", e.getMessage(), e);
        }
        long deadline = System.currentTimeMillis() + invocation.timeoutSeconds * 1000L;
        LocalContext context = new LocalContext(invocation.requestId, invocation.function, invocation.version,
                invocation.arn, invocation.memoryMb, deadline, out);
        Future<byte[]> running = invocations.submit(() -> invoker.invoke(payload, context));
        try {
            return Result.ok(running.get(invocation.timeoutSeconds, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            // Standard Lambda stops the invocation here; we cannot stop a thread, so it runs on, as on LMI.
            running.cancel(true);
            return Result.error("Sandbox.Timedout", String.format("%s Task timed out after %d.00 seconds",
                    invocation.requestId, invocation.timeoutSeconds), null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return Result.error(cause.getClass().getName(), String.valueOf(cause.getMessage()), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.error("Runtime.Interrupted", "the local host was interrupted", e);
        }
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        requests.shutdownNow();
        invocations.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private record Invocation(String function, String requestId, String arn, String version, String handler,
                              int memoryMb, int timeoutSeconds) {
        static Invocation from(String function, HttpExchange exchange) {
            var h = exchange.getRequestHeaders();
            String handler = Optional.ofNullable(h.getFirst("X-Lmi-Handler"))
                    .orElseThrow(() -> new IllegalArgumentException("X-Lmi-Handler header missing"));
            return new Invocation(function,
                    Optional.ofNullable(h.getFirst("X-Lmi-Request-Id")).orElse(java.util.UUID.randomUUID().toString()),
                    Optional.ofNullable(h.getFirst("X-Lmi-Function-Arn")).orElse(function),
                    Optional.ofNullable(h.getFirst("X-Lmi-Function-Version")).orElse("$LATEST"),
                    handler,
                    Integer.parseInt(Optional.ofNullable(h.getFirst("X-Lmi-Memory-Mb")).orElse("512")),
                    Integer.parseInt(Optional.ofNullable(h.getFirst("X-Lmi-Timeout-Seconds")).orElse("3")));
        }
    }

    private record Result(boolean error, byte[] body) {
        static Result ok(byte[] body) {
            return new Result(false, body);
        }

        /** The Lambda Java runtime's error document: errorMessage, errorType, stackTrace. */
        static Result error(String type, String message, Throwable cause) {
            ObjectNode error = JSON.createObjectNode();
            error.put("errorMessage", message);
            error.put("errorType", type);
            ArrayNode trace = error.putArray("stackTrace");
            if (cause != null) {
                for (StackTraceElement element : cause.getStackTrace()) {
                    trace.add(element.toString());
                }
            }
            return new Result(true, error.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}

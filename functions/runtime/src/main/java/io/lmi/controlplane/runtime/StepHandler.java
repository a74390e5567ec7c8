package io.lmi.controlplane.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.validation.InvalidRequestException;
import io.lmi.controlplane.core.validation.Validatable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The one shape every step handler has: read the state's input as {@code I}, validate it, do the step, write
 * {@code O}. Subclasses are thin: they turn the input into calls on the core and the adapters.
 *
 * <p>Follows the rules we ask of LMI functions: dependencies (SDK clients) are built once in the subclass's
 * constructor and shared; nothing mutable is static; every log line carries the request id (Powertools puts it in
 * the logging context for the duration of the call); the input is validated before any AWS call.
 *
 * <p>Errors: an invalid input throws {@link InvalidRequestException} unchanged, so a state machine can catch it by
 * name and record a rejection with nothing to undo; anything else propagates and becomes the task's error.
 */
public abstract class StepHandler<I, O> implements RequestStreamHandler {

    /** Namespace of the control plane's own metrics (step outcomes, durations). */
    public static final String METRICS_NAMESPACE = "LmiControlPlane";

    private final Class<I> inputType;
    private final String stepName;
    private final Logger log;
    private final Metrics metrics = MetricsFactory.getMetricsInstance();

    protected StepHandler(Class<I> inputType) {
        this.inputType = inputType;
        this.stepName = getClass().getSimpleName().replaceFirst("Handler$", "");
        this.log = LoggerFactory.getLogger(getClass());
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) {
        metrics.captureColdStartMetric(context);
        byte[] result = PowertoolsLogging.withLogging(context, () -> run(input, context));
        try {
            output.write(result);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the step's result", e);
        }
    }

    private byte[] run(InputStream rawInput, Context context) {
        Instant started = Instant.now();
        String outcome = "Failed";
        try {
            I input = Json.read(rawInput, inputType, stepName + " input");
            if (input instanceof Validatable validatable) {
                validatable.validate();
            }
            log.info("{} started", stepName);
            O result = handle(input, new StepContext(context));
            outcome = "Succeeded";
            log.info("{} succeeded in {} ms", stepName, Duration.between(started, Instant.now()).toMillis());
            return Json.write(result).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidRequestException e) {
            outcome = "Rejected";
            log.warn("{} rejected its input: {}", stepName, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            log.error("{} failed: {}", stepName, e.toString(), e);
            throw e;
        } finally {
            metrics.flushSingleMetric("Step" + outcome, 1, MetricUnit.COUNT, METRICS_NAMESPACE);
        }
    }

    /** The step itself. */
    protected abstract O handle(I input, StepContext context);
}

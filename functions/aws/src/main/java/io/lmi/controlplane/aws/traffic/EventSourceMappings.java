package io.lmi.controlplane.aws.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Event source mappings as the SQS and stream shifters need them: all of an account's (listing by function name
 * misses mappings that name an alias or a version), those on one source, and one read again until it is settled.
 */
public final class EventSourceMappings {
    /**
     * A mapping in a transitional state refuses updates and deletes (ResourceInUseException). AWS documents no bound;
     * changes usually settle in seconds, and two minutes stays well inside a step's Lambda timeout.
     */
    public static final Duration DEFAULT_SETTLE_TIMEOUT = Duration.ofMinutes(2);
    public static final Duration SETTLE_INTERVAL = Duration.ofSeconds(2);

    private static final Set<String> TRANSITIONAL = Set.of("Creating", "Enabling", "Disabling", "Updating", "Deleting");

    private final LambdaClient lambda;
    private final Poll settle;

    public EventSourceMappings(LambdaClient lambda) {
        this(lambda, new Poll(DEFAULT_SETTLE_TIMEOUT, SETTLE_INTERVAL, Poll.THREAD_SLEEP, Instant::now));
    }

    EventSourceMappings(LambdaClient lambda, Poll settle) {
        this.lambda = lambda;
        this.settle = settle;
    }

    public List<EventSourceMappingConfiguration> all() {
        return lambda.listEventSourceMappingsPaginator(request -> { }).eventSourceMappings().stream().toList();
    }

    public List<EventSourceMappingConfiguration> onSource(String eventSourceArn) {
        return lambda.listEventSourceMappingsPaginator(request -> request.eventSourceArn(eventSourceArn))
                .eventSourceMappings().stream().toList();
    }

    /** The mapping of {@code functionArn} (exactly as the mapping names it) on the source, if there is one. */
    public Optional<EventSourceMappingConfiguration> find(String eventSourceArn, String functionArn) {
        return onSource(eventSourceArn).stream().filter(mapping -> functionArn.equals(mapping.functionArn())).findFirst();
    }

    public Optional<EventSourceMappingConfiguration> get(String uuid) {
        try {
            return Optional.of(toConfiguration(lambda.getEventSourceMapping(request -> request.uuid(uuid))));
        } catch (ResourceNotFoundException gone) {
            return Optional.empty();
        }
    }

    /** Waits until the mapping can be changed; it must exist. */
    public EventSourceMappingConfiguration settled(String uuid) {
        return settle.until(() -> get(uuid).orElseThrow(() -> new ShiftRefusedException(
                        "event source mapping " + uuid + " no longer exists: it was deleted outside the migration")),
                mapping -> !TRANSITIONAL.contains(mapping.state()),
                "event source mapping " + uuid + " leaving its transitional state");
    }

    static boolean isEnabled(EventSourceMappingConfiguration mapping) {
        return !"Disabled".equals(mapping.state()) && !"Disabling".equals(mapping.state());
    }

    private static EventSourceMappingConfiguration toConfiguration(
            software.amazon.awssdk.services.lambda.model.GetEventSourceMappingResponse response) {
        return SdkPojoJson.fromTree(SdkPojoJson.toTree(response), EventSourceMappingConfiguration.builder());
    }
}

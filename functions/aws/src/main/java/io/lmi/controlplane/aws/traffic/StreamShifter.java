package io.lmi.controlplane.aws.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.core.traffic.ShiftTarget;
import io.lmi.controlplane.core.traffic.Trigger;
import io.lmi.controlplane.core.traffic.TriggerKind;
import io.lmi.controlplane.core.traffic.TriggerState;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;

/**
 * Moves a Kinesis or DynamoDB stream's event source mapping to the new function at the plan's cut-over step.
 *
 * <p>Every consumer of a stream reads every record, so a second mapping for the new function would process each
 * record twice (and, started at LATEST or TRIM_HORIZON, skip or repeat records besides). Instead the SAME mapping is
 * pointed at the new function's alias with UpdateEventSourceMapping: a mapping's position in each shard belongs to
 * the mapping (its UUID), not to the function it invokes, so the next batch after the update goes to the new
 * function from exactly where the original stopped, and no record is lost or read twice because of the move. The
 * mapping keeps its usual guarantees: a batch that fails is retried, now on whichever function the mapping names. The
 * new function needs read access to the stream in its execution role (the copied function keeps the original's role).
 *
 * <p>Notes ({@link StreamNotes}): the mapping's UUID and the function ARN it was set to.
 */
public final class StreamShifter implements TriggerShifter {
    private final LambdaClient lambda;
    private final EventSourceMappings mappings;

    public StreamShifter(LambdaClient lambda) {
        this(lambda, new EventSourceMappings(lambda));
    }

    StreamShifter(LambdaClient lambda, EventSourceMappings mappings) {
        this.lambda = lambda;
        this.mappings = mappings;
    }

    /** @param mappingUuid the mapping (unchanged by the move) @param functionArn what it invokes now */
    public record StreamNotes(String mappingUuid, String functionArn) {
    }

    @Override
    public Set<TriggerKind> kinds() {
        return Set.of(TriggerKind.KINESIS, TriggerKind.DYNAMODB_STREAM);
    }

    @Override
    public List<Trigger> discover(FunctionTargets function) {
        return mappings.all().stream()
                .filter(mapping -> function.matches(mapping.functionArn()))
                .flatMap(mapping -> kindOf(mapping.eventSourceArn()).stream().map(kind ->
                        new Trigger(kind, mapping.uuid(), mapping.eventSourceArn(), SdkPojoJson.toTree(mapping))))
                .toList();
    }

    @Override
    public TriggerState shift(TriggerState current, int percentOnNew, ShiftTarget target, ResourceRecorder recorder) {
        ShiftPercents.requireAllOrNothing(current.trigger(), percentOnNew);
        EventSourceMappingConfiguration original = original(current.trigger());
        String wanted = percentOnNew == 100 ? target.newFunctionArn() : original.functionArn();
        pointAt(original.uuid(), wanted);
        return current.withShift(percentOnNew, Notes.write(new StreamNotes(original.uuid(), wanted)));
    }

    @Override
    public void restore(TriggerState current, ShiftTarget target, ResourceRecorder recorder) {
        EventSourceMappingConfiguration original = original(current.trigger());
        pointAt(original.uuid(), original.functionArn());
    }

    @Override
    public String describeShift(Trigger trigger, int percentOnNew, ShiftTarget target) {
        ShiftPercents.requireAllOrNothing(trigger, percentOnNew);
        EventSourceMappingConfiguration original = original(trigger);
        String to = percentOnNew == 100 ? target.newFunctionArn() : original.functionArn();
        return trigger.kind() + " " + original.eventSourceArn() + ": point mapping " + original.uuid() + " at " + to
                + "; it keeps its shard checkpoints, so the next batch starts where the last one ended.";
    }

    private void pointAt(String uuid, String functionArn) {
        EventSourceMappingConfiguration mapping = mappings.settled(uuid);
        if (!functionArn.equals(mapping.functionArn())) {
            lambda.updateEventSourceMapping(request -> request.uuid(uuid).functionName(functionArn));
        }
    }

    static Optional<TriggerKind> kindOf(String eventSourceArn) {
        if (eventSourceArn == null || !eventSourceArn.startsWith("arn:")) {
            return Optional.empty();
        }
        String service = eventSourceArn.split(":")[2];
        if ("kinesis".equals(service)) {
            return Optional.of(TriggerKind.KINESIS);
        }
        if ("dynamodb".equals(service) && eventSourceArn.contains("/stream/")) {
            return Optional.of(TriggerKind.DYNAMODB_STREAM);
        }
        return Optional.empty();
    }

    private static EventSourceMappingConfiguration original(Trigger trigger) {
        JsonNode node = trigger.original();
        if (node == null || !node.has("UUID") || kindOf(node.path("EventSourceArn").asText()).isEmpty()) {
            throw new IllegalArgumentException("trigger " + trigger.id() + " was not discovered by the stream shifter");
        }
        return SdkPojoJson.fromTree(node, EventSourceMappingConfiguration.builder());
    }
}

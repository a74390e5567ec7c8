package io.lmi.controlplane.aws.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.core.traffic.ShiftTarget;
import io.lmi.controlplane.core.traffic.Trigger;
import io.lmi.controlplane.core.traffic.TriggerKind;
import io.lmi.controlplane.core.traffic.TriggerState;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingRequest;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.ScalingConfig;

/**
 * Shares an SQS queue between the two functions: a second event source mapping for the new function on the same
 * queue, with the original's batch settings, and {@code MaximumConcurrency} divided in proportion
 * ({@link SqsConcurrencySplit}, approximate by nature). The two mappings compete for messages, so each message still
 * goes to one function. At 100% the new mapping takes the original's scaling setting and the original mapping is
 * disabled, not deleted: turning it back on is the fastest rollback, and the team deletes it once the migration is
 * final.
 *
 * <p>Notes ({@link SqsNotes}): the second mapping's UUID and the concurrency each side was given.
 */
public final class SqsShifter implements TriggerShifter {
    private final LambdaClient lambda;
    private final EventSourceMappings mappings;
    private final SqsConcurrencySplit split;

    public SqsShifter(LambdaClient lambda, SqsConcurrencySplit split) {
        this(lambda, new EventSourceMappings(lambda), split);
    }

    SqsShifter(LambdaClient lambda, EventSourceMappings mappings, SqsConcurrencySplit split) {
        this.lambda = lambda;
        this.mappings = mappings;
        this.split = split;
    }

    /**
     * @param newMappingUuid              the new function's mapping on the queue
     * @param totalMaximumConcurrency     what the two shares were divided from (null at 100%)
     * @param newMaximumConcurrency       the new mapping's setting (null: none, as the original at 100%)
     * @param originalMaximumConcurrency  the original mapping's setting now
     * @param originalEnabled             whether the original mapping still polls
     */
    public record SqsNotes(String newMappingUuid, Integer totalMaximumConcurrency, Integer newMaximumConcurrency,
                           Integer originalMaximumConcurrency, boolean originalEnabled) {
    }

    @Override
    public Set<TriggerKind> kinds() {
        return Set.of(TriggerKind.SQS);
    }

    @Override
    public List<Trigger> discover(FunctionTargets function) {
        return mappings.all().stream()
                .filter(mapping -> isQueue(mapping.eventSourceArn()) && function.matches(mapping.functionArn()))
                .map(mapping -> new Trigger(TriggerKind.SQS, mapping.uuid(), mapping.eventSourceArn(),
                        SdkPojoJson.toTree(mapping)))
                .toList();
    }

    @Override
    public TriggerState shift(TriggerState current, int percentOnNew, ShiftTarget target, ResourceRecorder recorder) {
        ShiftPercents.requirePercent(percentOnNew);
        EventSourceMappingConfiguration original = original(current.trigger());
        if (percentOnNew == 0) {
            restore(current, target, recorder);
            return current.withShift(0, null);
        }
        boolean originalEnabled = EventSourceMappings.isEnabled(original);
        Integer originalMaximum = maximumConcurrency(original.scalingConfig());
        SqsNotes notes;
        if (percentOnNew == 100) {
            String uuid = ensureNewMapping(original, target, original.scalingConfig(), originalEnabled, recorder);
            adjust(original.uuid(), original.scalingConfig(), false);
            notes = new SqsNotes(uuid, null, originalMaximum, originalMaximum, false);
        } else {
            SqsConcurrencySplit.Split shares = split.split(originalMaximum, percentOnNew);
            String uuid = ensureNewMapping(original, target, concurrency(shares.onNew()), originalEnabled, recorder);
            adjust(original.uuid(), concurrency(shares.onOriginal()), originalEnabled);
            notes = new SqsNotes(uuid, shares.total(), shares.onNew(), shares.onOriginal(), originalEnabled);
        }
        return current.withShift(percentOnNew, Notes.write(notes));
    }

    @Override
    public void restore(TriggerState current, ShiftTarget target, ResourceRecorder recorder) {
        EventSourceMappingConfiguration original = original(current.trigger());
        // The original takes its full share back before the second mapping goes, so the queue is never unconsumed.
        adjust(original.uuid(), original.scalingConfig(), EventSourceMappings.isEnabled(original));
        for (EventSourceMappingConfiguration mapping : mappings.onSource(original.eventSourceArn())) {
            if (target.newFunctionArn().equals(mapping.functionArn())) {
                mappings.settled(mapping.uuid());
                try {
                    lambda.deleteEventSourceMapping(request -> request.uuid(mapping.uuid()));
                } catch (ResourceNotFoundException alreadyGone) {
                    // Deleted by an earlier attempt of this rollback.
                }
                recorder.deleted(CreatedResources.EVENT_SOURCE_MAPPING,
                        CreatedResources.mappingId(original.eventSourceArn(), target.newFunctionArn()));
            }
        }
    }

    @Override
    public String describeShift(Trigger trigger, int percentOnNew, ShiftTarget target) {
        ShiftPercents.requirePercent(percentOnNew);
        EventSourceMappingConfiguration original = original(trigger);
        Integer originalMaximum = maximumConcurrency(original.scalingConfig());
        String queue = original.eventSourceArn();
        if (percentOnNew == 0) {
            return "SQS " + queue + ": delete the mapping of " + target.newFunctionArn() + " and give mapping "
                    + original.uuid() + " back MaximumConcurrency " + describe(originalMaximum) + ".";
        }
        if (percentOnNew == 100) {
            return "SQS " + queue + ": the mapping of " + target.newFunctionArn() + " takes MaximumConcurrency "
                    + describe(originalMaximum) + " and the original mapping " + original.uuid()
                    + " is disabled (kept for a fast rollback; delete it once the migration is final).";
        }
        SqsConcurrencySplit.Split shares = split.split(originalMaximum, percentOnNew);
        return "SQS " + queue + ": a second mapping for " + target.newFunctionArn() + " with the original's batch "
                + "settings competes for messages with MaximumConcurrency " + shares.onNew() + ", the original mapping "
                + original.uuid() + " keeps " + shares.onOriginal() + " (of " + shares.total() + "; the split of "
                + "messages is approximate, each message goes to one function).";
    }

    private String ensureNewMapping(EventSourceMappingConfiguration original, ShiftTarget target, ScalingConfig scaling,
                                    boolean enabled, ResourceRecorder recorder) {
        String queue = original.eventSourceArn();
        var existing = mappings.find(queue, target.newFunctionArn());
        if (existing.isPresent()) {
            adjust(existing.get().uuid(), scaling, enabled);
            return existing.get().uuid();
        }
        recorder.creating(CreatedResources.EVENT_SOURCE_MAPPING,
                CreatedResources.mappingId(queue, target.newFunctionArn()), target.newFunctionName());
        CreateEventSourceMappingRequest.Builder request = CreateEventSourceMappingRequest.builder()
                .eventSourceArn(queue)
                .functionName(target.newFunctionArn())
                .enabled(enabled)
                .batchSize(original.batchSize())
                .maximumBatchingWindowInSeconds(original.maximumBatchingWindowInSeconds())
                .filterCriteria(original.filterCriteria())
                .scalingConfig(scaling);
        if (original.hasFunctionResponseTypes()) {
            request.functionResponseTypesWithStrings(original.functionResponseTypesAsStrings());
        }
        try {
            return lambda.createEventSourceMapping(request.build()).uuid();
        } catch (ResourceConflictException createdMeanwhile) {
            String uuid = mappings.find(queue, target.newFunctionArn()).orElseThrow(() -> createdMeanwhile).uuid();
            adjust(uuid, scaling, enabled);
            return uuid;
        }
    }

    /** Sets a mapping's concurrency and state, only if they differ: every update puts it in "Updating" for a while. */
    private void adjust(String uuid, ScalingConfig scaling, boolean enabled) {
        EventSourceMappingConfiguration mapping = mappings.settled(uuid);
        boolean sameScaling = Objects.equals(maximumConcurrency(mapping.scalingConfig()), maximumConcurrency(scaling));
        if (sameScaling && EventSourceMappings.isEnabled(mapping) == enabled) {
            return;
        }
        // An empty ScalingConfig removes the setting (Lambda API reference, ScalingConfig).
        ScalingConfig wanted = scaling == null ? ScalingConfig.builder().build() : scaling;
        lambda.updateEventSourceMapping(request -> request.uuid(uuid).scalingConfig(wanted).enabled(enabled));
    }

    private static ScalingConfig concurrency(int maximum) {
        return ScalingConfig.builder().maximumConcurrency(maximum).build();
    }

    private static Integer maximumConcurrency(ScalingConfig scaling) {
        return scaling == null ? null : scaling.maximumConcurrency();
    }

    private static String describe(Integer maximum) {
        return maximum == null ? "none (unset, as originally)" : String.valueOf(maximum);
    }

    private static boolean isQueue(String eventSourceArn) {
        return eventSourceArn != null && eventSourceArn.startsWith("arn:") && "sqs".equals(eventSourceArn.split(":")[2]);
    }

    private static EventSourceMappingConfiguration original(Trigger trigger) {
        JsonNode node = trigger.original();
        if (trigger.kind() != TriggerKind.SQS || node == null || !node.has("UUID")) {
            throw new IllegalArgumentException("trigger " + trigger.id() + " was not discovered by the SQS shifter");
        }
        return SdkPojoJson.fromTree(node, EventSourceMappingConfiguration.builder());
    }
}

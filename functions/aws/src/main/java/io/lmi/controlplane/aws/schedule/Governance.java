package io.lmi.controlplane.aws.schedule;

import io.lmi.controlplane.core.schedule.EffectiveCapacity;
import io.lmi.controlplane.core.schedule.ScheduleTarget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Which versions a schedule governs, and how a target is found again from a stored key. */
final class Governance {
    private Governance() {
    }

    /**
     * The functions a schedule sets now: its function, or the LMI functions its selector matches that have the
     * qualifier (a selector governs {@code $LATEST.PUBLISHED}; a function without one yet is left alone) and no
     * schedule of their own: a function's own schedule wins over any selector (applying both is refused, but a tag
     * can be added later).
     */
    static List<String> functions(ScheduleTarget target, String qualifier, ScheduleAdapters adapters) {
        if (target instanceof ScheduleTarget.FunctionTarget function) {
            return List.of(function.functionName());
        }
        ScheduleTarget.TagSelector selector = (ScheduleTarget.TagSelector) target;
        return adapters.tagged().matching(selector.tags()).stream()
                .filter(name -> adapters.functions().configuration(name, qualifier).isPresent())
                .filter(name -> adapters.ledger().find(name).isEmpty())
                .toList();
    }

    /** The target a stored key stands for: a function name, or {@code tags:k=v,...}; empty when it cannot be read back. */
    static Optional<ScheduleTarget> targetOf(String key) {
        if (!key.startsWith("tags:")) {
            return Optional.of(new ScheduleTarget.FunctionTarget(key));
        }
        Map<String, String> tags = new TreeMap<>();
        for (String pair : key.substring("tags:".length()).split(",")) {
            int equals = pair.indexOf('=');
            if (equals < 1) {
                return Optional.empty();
            }
            tags.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        ScheduleTarget.TagSelector selector = new ScheduleTarget.TagSelector(tags);
        // Tags containing ',' or '=' do not survive the round trip; then the key is not trusted.
        return selector.key().equals(key) ? Optional.of(selector) : Optional.empty();
    }

    /** "period business-hours (exception 2026-12-25: Christmas Day)", for change records. */
    static String reason(EffectiveCapacity capacity) {
        return capacity.describeSources() + capacity.exception()
                .map(e -> " (exception " + e.date() + e.reason().map(r -> ": " + r).orElse("") + ")").orElse("");
    }
}

package io.lmi.controlplane.aws.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lmi.controlplane.core.schedule.ScheduleTarget;
import io.lmi.controlplane.core.schedule.ScheduledTransition;
import io.lmi.controlplane.core.schedule.ShaperWakeUp;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The EventBridge Scheduler schedules one stored schedule should have: one per compiled transition (the compiler
 * decides names and expressions), plus the drift check when it is on. Every one targets the shaper.
 */
public final class DesiredSchedules {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    static final String DRIFT_CHECK_SUFFIX = "-" + ShaperInput.DRIFT_CHECK;

    private DesiredSchedules() {
    }

    /**
     * The name prefix of every Scheduler schedule of {@code target}: the compiler's {@code <name>-<digest>} followed by
     * a dash. Listing by it finds them; the Input's "schedule" then confirms whose they are.
     */
    public static String namePrefix(ScheduleTarget target) {
        return target.namePrefix() + "-" + target.keyDigest() + "-";
    }

    public static List<SchedulerDefinition> of(ScheduleTarget target, ZoneId zone, List<ScheduledTransition> transitions,
                                               SchedulerSettings settings) {
        List<SchedulerDefinition> definitions = new ArrayList<>();
        for (ScheduledTransition transition : transitions) {
            ObjectNode input = (ObjectNode) read(ShaperWakeUp.of(target, transition).toJson());
            input.put("scheduledTime", ShaperInput.SCHEDULED_TIME_PLACEHOLDER);
            definitions.add(definition(settings, transition.name(), transition.expression(), transition.timezone(),
                    transition.description(), input.toString(), !transition.recurring()));
        }
        settings.driftCheck().ifPresent(interval -> {
            ObjectNode input = JSON.createObjectNode();
            input.put("schedule", target.key());
            input.put("transition", ShaperInput.DRIFT_CHECK);
            input.put("scheduledTime", ShaperInput.SCHEDULED_TIME_PLACEHOLDER);
            long minutes = interval.toMinutes();
            definitions.add(definition(settings, namePrefix(target) + ShaperInput.DRIFT_CHECK,
                    "rate(" + minutes + (minutes == 1 ? " minute" : " minutes") + ")", zone.getId(),
                    "every " + minutes + " min: restores the schedule's min/max if someone changed the scaling config "
                            + "by hand, and reports it", input.toString(), false));
        });
        return List.copyOf(definitions);
    }

    private static SchedulerDefinition definition(SchedulerSettings settings, String name, String expression,
                                                  String timezone, String description, String input, boolean oneOff) {
        return new SchedulerDefinition(name, expression, timezone, description, input, oneOff, settings.shaperArn(),
                settings.roleArn(), settings.maximumEventAge().toSeconds(), settings.maximumRetryAttempts(),
                settings.deadLetter().orElse(null), true, null);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the core writes wake-ups as JSON", e);
        }
    }
}

package io.lmi.controlplane.core.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;

/**
 * A schedule back to its file form, with the same field names the parser reads, so that the CLI, the
 * CapacityScheduleRequested event and the ledger all carry the same document. Writing then parsing gives the same
 * schedule.
 */
public final class ScheduleJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ScheduleJson() {
    }

    public static ObjectNode toTree(CapacitySchedule schedule) {
        ObjectNode root = NODES.objectNode();
        if (schedule.target() instanceof ScheduleTarget.FunctionTarget function) {
            root.put("function", function.function());
        } else if (schedule.target() instanceof ScheduleTarget.TagSelector selector) {
            ObjectNode tags = root.putObject("selector").putObject("tags");
            selector.tags().forEach(tags::put);
        }
        root.put("qualifier", schedule.qualifier());
        root.put("environment", schedule.environment().text());
        root.put("timezone", schedule.timezone().getId());
        capacity(root.putObject("default"), schedule.defaults());
        ArrayNode periods = root.putArray("periods");
        for (Period period : schedule.periods()) {
            ObjectNode node = periods.addObject();
            node.put("name", period.name());
            ArrayNode days = node.putArray("days");
            for (DayOfWeek day : period.days()) {
                days.add(Days.abbreviation(day));
            }
            node.put("start", period.start().toString());
            node.put("end", period.end().toString());
            capacity(node, period);
        }
        ArrayNode exceptions = root.putArray("exceptions");
        for (ExceptionDate exception : schedule.exceptions()) {
            ObjectNode node = exceptions.addObject();
            node.put("date", exception.date().toString());
            node.put("use", exception.use().text());
            exception.reason().ifPresent(r -> node.put("reason", r));
        }
        ArrayNode prewarms = root.putArray("prewarms");
        for (Prewarm prewarm : schedule.prewarms()) {
            ObjectNode node = prewarms.addObject();
            node.put("from", prewarm.from().toString());
            node.put("until", prewarm.until().toString());
            capacity(node, prewarm);
        }
        return root;
    }

    public static String toJson(CapacitySchedule schedule) {
        try {
            return MAPPER.writeValueAsString(toTree(schedule));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a tree of plain values always serialises", e);
        }
    }

    private static void capacity(ObjectNode node, CapacitySetting setting) {
        node.put("min", setting.min());
        node.put("max", setting.max());
        setting.reason().ifPresent(r -> node.put("reason", r));
    }
}

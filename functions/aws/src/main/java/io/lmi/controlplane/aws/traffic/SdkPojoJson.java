package io.lmi.controlplane.aws.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TraitType;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.Buildable;

/**
 * An SDK model object as JSON with AWS's member names, and back, through the model's own field descriptions. A
 * trigger keeps its original configuration this way (a mapping, an EventBridge target, a listener's actions), so
 * that a rollback can put back every field, including ones this code never names.
 *
 * <p>Members that were never set stay absent, so a round trip keeps "not set" apart from "empty".
 */
final class SdkPojoJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SdkPojoJson() {
    }

    static ObjectNode toTree(SdkPojo pojo) {
        ObjectNode node = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (isSet(value)) {
                node.set(field.memberName(), toNode(field, value));
            }
        }
        return node;
    }

    /** Fills {@code builder} (a model's {@code builder()}) from {@code node} and builds it. */
    @SuppressWarnings("unchecked")
    static <T> T fromTree(JsonNode node, SdkPojo builder) {
        fill(builder, node);
        return (T) ((Buildable) builder).build();
    }

    private static boolean isSet(Object value) {
        return value != null && !(value instanceof SdkAutoConstructList) && !(value instanceof SdkAutoConstructMap);
    }

    private static JsonNode toNode(SdkField<?> field, Object value) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            return toTree((SdkPojo) value);
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class, TraitType.LIST_TRAIT).memberFieldInfo();
            ArrayNode array = NODES.arrayNode();
            for (Object item : (List<?>) value) {
                array.add(item == null ? NODES.nullNode() : toNode(member, item));
            }
            return array;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getTrait(MapTrait.class, TraitType.MAP_TRAIT).valueFieldInfo();
            ObjectNode map = NODES.objectNode();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                map.set(String.valueOf(entry.getKey()),
                        entry.getValue() == null ? NODES.nullNode() : toNode(member, entry.getValue()));
            }
            return map;
        }
        return scalarToNode(field, value);
    }

    private static JsonNode scalarToNode(SdkField<?> field, Object value) {
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).intValue());
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Float || value instanceof Double) {
            return NODES.numberNode(((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Instant instant) {
            return NODES.textNode(instant.toString());
        }
        if (value instanceof SdkBytes bytes) {
            return NODES.binaryNode(bytes.asByteArray());
        }
        throw new IllegalArgumentException("member " + field.memberName() + " has a type this conversion does not keep: "
                + value.getClass().getName());
    }

    private static void fill(SdkPojo builder, JsonNode node) {
        for (SdkField<?> field : builder.sdkFields()) {
            JsonNode member = node.get(field.memberName());
            if (member != null && !member.isNull()) {
                field.set(builder, fromNode(field, member));
            }
        }
    }

    private static Object fromNode(SdkField<?> field, JsonNode node) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            return fromTree(node, field.constructor().get());
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class, TraitType.LIST_TRAIT).memberFieldInfo();
            List<Object> items = new ArrayList<>();
            for (JsonNode item : node) {
                items.add(item.isNull() ? null : fromNode(member, item));
            }
            return items;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getTrait(MapTrait.class, TraitType.MAP_TRAIT).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                map.put(entry.getKey(), entry.getValue().isNull() ? null : fromNode(member, entry.getValue()));
            }
            return map;
        }
        return scalarFromNode(field, type, node);
    }

    private static Object scalarFromNode(SdkField<?> field, MarshallingType<?> type, JsonNode node) {
        if (type == MarshallingType.STRING) {
            return node.asText();
        }
        if (type == MarshallingType.BOOLEAN) {
            return node.asBoolean();
        }
        if (type == MarshallingType.INTEGER) {
            return node.asInt();
        }
        if (type == MarshallingType.SHORT) {
            return (short) node.asInt();
        }
        if (type == MarshallingType.BYTE) {
            return (byte) node.asInt();
        }
        if (type == MarshallingType.LONG) {
            return node.asLong();
        }
        if (type == MarshallingType.FLOAT) {
            return (float) node.asDouble();
        }
        if (type == MarshallingType.DOUBLE) {
            return node.asDouble();
        }
        if (type == MarshallingType.BIG_DECIMAL) {
            return node.decimalValue();
        }
        if (type == MarshallingType.INSTANT) {
            return Instant.parse(node.asText());
        }
        if (type == MarshallingType.SDK_BYTES) {
            try {
                return SdkBytes.fromByteArray(node.binaryValue());
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("member " + field.memberName() + " is not base64", e);
            }
        }
        throw new IllegalArgumentException("member " + field.memberName() + " has a type this conversion does not read: "
                + type);
    }
}

package io.lmi.controlplane.cli.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsic functions in a translated template: Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::If
 * (with Conditions), Fn::Equals/Not/And/Or, Fn::Select, Fn::Split. An intrinsic it does not know fails the
 * deployment with its name: a local deployment that silently dropped one would drift from {@code sam deploy}.
 */
final class Intrinsics {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");
    /** Marks a property removed by {@code Ref: AWS::NoValue}. */
    static final JsonNode NO_VALUE = NODES.textNode("\u0000AWS::NoValue");

    private final Function<String, Optional<JsonNode>> ref;
    private final BiFunction<String, String, Optional<String>> getAtt;
    private final Map<String, JsonNode> conditions;

    Intrinsics(Function<String, Optional<JsonNode>> ref, BiFunction<String, String, Optional<String>> getAtt,
               Map<String, JsonNode> conditions) {
        this.ref = ref;
        this.getAtt = getAtt;
        this.conditions = conditions;
    }

    JsonNode resolve(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (JsonNode item : node) {
                JsonNode resolved = resolve(item);
                if (resolved != NO_VALUE) {
                    out.add(resolved);
                }
            }
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.size() == 1) {
            String key = node.fieldNames().next();
            if (key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition") && node.get(key).isTextual()
                    && conditions.containsKey(node.get(key).asText())) {
                return function(key, node.get(key));
            }
        }
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode resolved = resolve(field.getValue());
            if (resolved != NO_VALUE) {
                out.set(field.getKey(), resolved);
            }
        }
        return out;
    }

    boolean condition(String name) {
        JsonNode definition = conditions.get(name);
        if (definition == null) {
            throw new TemplateException("condition " + name + " is not defined");
        }
        return resolve(definition).asBoolean();
    }

    private JsonNode function(String name, JsonNode argument) {
        switch (name) {
            case "Ref" -> {
                String target = argument.asText();
                if (target.equals("AWS::NoValue")) {
                    return NO_VALUE;
                }
                // A list parameter (CommaDelimitedList, List<...>) refers to a list, as in CloudFormation.
                return ref.apply(target).orElseThrow(() -> new TemplateException("Ref to unknown " + target));
            }
            case "Fn::GetAtt" -> {
                String resource;
                String attribute;
                if (argument.isArray()) {
                    resource = argument.get(0).asText();
                    attribute = resolve(argument.get(1)).asText();
                } else {
                    String[] parts = argument.asText().split("\\.", 2);
                    resource = parts[0];
                    attribute = parts[1];
                }
                return text(getAtt.apply(resource, attribute).orElseThrow(() ->
                        new TemplateException("Fn::GetAtt " + resource + "." + attribute + " is not available locally")));
            }
            case "Fn::Sub" -> {
                String template;
                JsonNode variables = null;
                if (argument.isArray()) {
                    template = argument.get(0).asText();
                    variables = resolve(argument.get(1));
                } else {
                    template = argument.asText();
                }
                return text(substitute(template, variables));
            }
            case "Fn::Join" -> {
                String delimiter = argument.get(0).asText();
                List<String> parts = new ArrayList<>();
                resolve(argument.get(1)).forEach(part -> parts.add(part.asText()));
                return text(String.join(delimiter, parts));
            }
            case "Fn::Select" -> {
                int index = resolve(argument.get(0)).asInt();
                JsonNode list = resolve(argument.get(1));
                return list.get(index);
            }
            case "Fn::Split" -> {
                ArrayNode out = NODES.arrayNode();
                for (String part : resolve(argument.get(1)).asText().split(Pattern.quote(argument.get(0).asText()), -1)) {
                    out.add(part);
                }
                return out;
            }
            case "Fn::If" -> {
                return condition(argument.get(0).asText()) ? resolve(argument.get(1)) : resolve(argument.get(2));
            }
            case "Fn::Equals" -> {
                return NODES.booleanNode(resolve(argument.get(0)).asText().equals(resolve(argument.get(1)).asText()));
            }
            case "Fn::Not" -> {
                return NODES.booleanNode(!resolve(argument.get(0)).asBoolean());
            }
            case "Fn::And" -> {
                boolean all = true;
                for (JsonNode item : argument) {
                    all &= resolve(item).asBoolean();
                }
                return NODES.booleanNode(all);
            }
            case "Fn::Or" -> {
                boolean any = false;
                for (JsonNode item : argument) {
                    any |= resolve(item).asBoolean();
                }
                return NODES.booleanNode(any);
            }
            case "Condition" -> {
                return NODES.booleanNode(condition(argument.asText()));
            }
            default -> throw new TemplateException("intrinsic " + name + " is not supported by the local deployment");
        }
    }

    private String substitute(String template, JsonNode variables) {
        Matcher matcher = SUB_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            String value;
            if (variables != null && variables.has(variable)) {
                value = variables.get(variable).asText();
            } else if (variable.contains(".")) {
                String[] parts = variable.split("\\.", 2);
                value = getAtt.apply(parts[0], parts[1]).orElseThrow(() ->
                        new TemplateException("Fn::Sub ${" + variable + "} is not available locally"));
            } else {
                JsonNode referenced = ref.apply(variable).orElseThrow(() ->
                        new TemplateException("Fn::Sub ${" + variable + "} names nothing in the template"));
                if (!referenced.isValueNode()) {
                    throw new TemplateException("Fn::Sub ${" + variable + "} is a list: join it first");
                }
                value = referenced.asText();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        // ${!Literal} is CloudFormation's escape for a literal ${Literal}.
        return out.toString().replace("${!", "${");
    }

    private static TextNode text(String value) {
        return NODES.textNode(value);
    }
}

package dev.agentstream.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a tool's input schema into a form strict validators accept (ajv's strict mode, which some MCP
 * clients use): a union type such as {@code "type": ["string", "array"]} becomes an {@code anyOf} with one
 * branch per type, each holding the keywords that apply to its type. The schema accepts exactly the same
 * inputs; the tools' own schemas stay as the Anthropic API takes them.
 */
final class StrictSchemas {

    private static final Map<String, Set<String>> KEYWORDS_BY_TYPE = Map.of(
            "string", Set.of("minLength", "maxLength", "pattern", "format"),
            "array", Set.of("items", "prefixItems", "contains", "minItems", "maxItems", "uniqueItems"),
            "number", Set.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"),
            "integer", Set.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"),
            "object", Set.of("properties", "required", "additionalProperties", "patternProperties", "propertyNames",
                    "minProperties", "maxProperties"));

    private StrictSchemas() {}

    /** A strict-valid copy of {@code schema}. */
    static JsonNode of(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        rewrite(copy);
        return copy;
    }

    private static void rewrite(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.get("type") instanceof ArrayNode types) splitUnion(object, types);
        }
        for (JsonNode child : node) rewrite(child);
    }

    private static void splitUnion(ObjectNode schema, ArrayNode types) {
        ArrayNode branches = schema.arrayNode();
        List<String> moved = new ArrayList<>();
        for (JsonNode type : types) {
            ObjectNode branch = branches.addObject().put("type", type.asText());
            for (String keyword : KEYWORDS_BY_TYPE.getOrDefault(type.asText(), Set.of())) {
                if (schema.has(keyword)) {
                    branch.set(keyword, schema.get(keyword).deepCopy());
                    moved.add(keyword);
                }
            }
        }
        schema.remove("type");
        schema.remove(moved);
        for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
            // keywords of a type the union does not hold would now apply to nothing: they never mattered
            String name = names.next();
            if (KEYWORDS_BY_TYPE.values().stream().anyMatch(keywords -> keywords.contains(name))) names.remove();
        }
        schema.set("anyOf", branches);
    }
}

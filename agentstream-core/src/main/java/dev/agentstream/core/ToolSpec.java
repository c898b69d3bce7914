package dev.agentstream.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * How a tool presents itself to a model or an MCP client. {@code anthropicType} names the Anthropic
 * built-in tool this one implements (e.g. {@code bash_20250124}), when there is one: the agent then
 * declares the built-in instead of a custom schema.
 */
public record ToolSpec(String name, String description, JsonNode inputSchema, Optional<String> anthropicType) {

    /** A spec whose schema is written as JSON text (a tool's constant); a malformed schema is a bug, thrown at once. */
    public static ToolSpec fromJson(String name, String description, String schemaJson, Optional<String> anthropicType) {
        try {
            return new ToolSpec(name, description, EventJson.mapper().readTree(schemaJson), anthropicType);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("The input schema of tool " + name + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}

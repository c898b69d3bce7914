package dev.agentstream.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * How a tool presents itself to a model, an MCP client and a front door. {@code anthropicType} names the
 * Anthropic built-in tool this one implements (e.g. {@code bash_20250124}), when there is one: the agent then
 * declares the built-in instead of a custom schema. {@code lane} says which state a call takes for itself
 * (see {@link CallLane}), {@code summary} says in one line what a call was asked to do. {@code title} names
 * the tool for people, {@code hints} says what a client may assume of its calls (none declared: a client
 * assumes the worst), and {@code factsSchema}, when the tool's result has structure, is the JSON object
 * schema of the result metadata a client may read as data (each property a metadata key).
 */
public record ToolSpec(String name, String description, JsonNode inputSchema, Optional<String> anthropicType,
                       CallLane lane, CallSummary summary, String title, Optional<ToolHints> hints,
                       Optional<JsonNode> factsSchema) {

    /**
     * A spec that has not said what its calls share: each call takes the whole tool for itself (the safe
     * guess for state nobody described) and is summarized by its raw input.
     */
    public ToolSpec(String name, String description, JsonNode inputSchema, Optional<String> anthropicType) {
        this(name, description, inputSchema, anthropicType, CallLane.always("tool:" + name), CallSummary.rawInput(), name,
                Optional.empty(), Optional.empty());
    }

    /** A spec whose schema is written as JSON text (a tool's constant); a malformed schema is a bug, thrown at once. */
    public static ToolSpec fromJson(String name, String description, String schemaJson, Optional<String> anthropicType) {
        try {
            return new ToolSpec(name, description, EventJson.mapper().readTree(schemaJson), anthropicType);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("The input schema of tool " + name + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    public ToolSpec withLane(CallLane lane) {
        return new ToolSpec(name, description, inputSchema, anthropicType, lane, summary, title, hints, factsSchema);
    }

    public ToolSpec withSummary(CallSummary summary) {
        return new ToolSpec(name, description, inputSchema, anthropicType, lane, summary, title, hints, factsSchema);
    }

    public ToolSpec withDescription(String description) {
        return new ToolSpec(name, description, inputSchema, anthropicType, lane, summary, title, hints, factsSchema);
    }

    /** The tool's title and what a client may assume of its calls. */
    public ToolSpec withPresentation(String title, ToolHints hints) {
        return new ToolSpec(name, description, inputSchema, anthropicType, lane, summary, title, Optional.of(hints), factsSchema);
    }

    /**
     * The schema of the facts a result carries in its metadata, as JSON text (a tool's constant): an object
     * schema whose properties are metadata keys and whose {@code required} ones every successful result has.
     * A malformed schema is a bug, thrown at once.
     */
    public ToolSpec withFactsSchema(String schemaJson) {
        try {
            JsonNode schema = EventJson.mapper().readTree(schemaJson);
            if (!schema.path("properties").isObject()) {
                throw new IllegalArgumentException("The facts schema of tool " + name + " has no properties object.");
            }
            return new ToolSpec(name, description, inputSchema, anthropicType, lane, summary, title, hints, Optional.of(schema));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("The facts schema of tool " + name + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The lane of one call of this tool. */
    public Optional<String> laneOf(JsonNode input) {
        return lane.of(input);
    }

    /** The one-line summary of one call of this tool. */
    public String summarize(JsonNode input) {
        return summary.of(input);
    }
}

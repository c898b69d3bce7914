package dev.agentstream.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Objects;

/** One request to run a tool: the model's tool_use id, the tool's name and its JSON input. */
public record ToolCall(String id, String name, JsonNode input) {
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        input = input == null ? JsonNodeFactory.instance.objectNode() : input;
    }
}

package dev.agentstream.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * How a tool presents itself to a model or an MCP client. {@code anthropicType} names the Anthropic
 * built-in tool this one implements (e.g. {@code bash_20250124}), when there is one: the agent then
 * declares the built-in instead of a custom schema.
 */
public record ToolSpec(String name, String description, JsonNode inputSchema, Optional<String> anthropicType) {}

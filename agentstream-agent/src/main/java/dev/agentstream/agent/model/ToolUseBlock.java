package dev.agentstream.agent.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A complete tool_use block: its input JSON has fully arrived. {@code inputError} says why the input could
 * not be used (cut off by max_tokens, not JSON, not an object); such a call is answered with an error result.
 */
public record ToolUseBlock(int index, String id, String name, JsonNode input, Optional<String> inputError) {}

package dev.agentstream.agent.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A complete tool_use block: its input JSON has fully arrived. {@code inputError} says why the input could
 * not be used (cut off by max_tokens, not JSON, not an object); such a call is answered with an error result.
 * {@code toolset} is the {@code toolset_name} of a call to a toolset's member (the computer use toolset's
 * {@code left_click}), which its result must carry back.
 */
public record ToolUseBlock(int index, String id, String name, JsonNode input, Optional<String> inputError, Optional<String> toolset) {

    public ToolUseBlock(int index, String id, String name, JsonNode input, Optional<String> inputError) {
        this(index, id, name, input, inputError, Optional.empty());
    }
}

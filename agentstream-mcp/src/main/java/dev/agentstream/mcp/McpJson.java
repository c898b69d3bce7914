package dev.agentstream.mcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentstream.core.InputLimits;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;

/**
 * The SDK's JSON mapper (Jackson 2, the one Jackson the project ships) with the tool-input string limit set
 * explicitly, the same limit the CLI and the agent parse with, rather than whatever the parser's default is.
 */
final class McpJson {

    /** One for the process: a mapper caches the (de)serializers it builds, so every server after the first starts warm. */
    private static final McpJsonMapper SHARED = create();

    private McpJson() {}

    static McpJsonMapper mapper() {
        return SHARED;
    }

    private static McpJsonMapper create() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(InputLimits.MAX_STRING_CHARS).build())
                .build();
        return new JacksonMcpJsonMapper(new ObjectMapper(factory));
    }
}

package dev.agentstream.mcp;

import dev.agentstream.core.InputLimits;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SDK's JSON mapper (Jackson 3 with default settings) with the tool-input string limit set explicitly,
 * the same limit the CLI and the agent parse with, rather than whatever the parser's default is.
 */
final class McpJson {

    private McpJson() {}

    static McpJsonMapper mapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(InputLimits.MAX_STRING_CHARS).build())
                .build();
        return new JacksonMcpJsonMapper(JsonMapper.builder(factory).build());
    }
}

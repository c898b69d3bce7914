package dev.agentstream.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.ToolSpec;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;

/** A tool's spec as MCP lists it. The schema reaches the SDK's own mapper as JSON text, the form its builder takes. */
final class ToolListing {

    private ToolListing() {}

    static McpSchema.Tool of(ToolSpec spec, McpJsonMapper mapper) {
        String schema;
        try {
            schema = EventJson.mapper().writeValueAsString(spec.inputSchema());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The input schema of tool " + spec.name() + " cannot be written as JSON.", e);
        }
        return McpSchema.Tool.builder()
                .name(spec.name())
                .description(ModelDescriptions.of(spec))
                .inputSchema(mapper, schema)
                .build();
    }
}

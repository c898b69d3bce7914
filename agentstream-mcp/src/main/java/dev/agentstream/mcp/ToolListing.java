package dev.agentstream.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.ToolSpec;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * A tool's spec as MCP lists it: with its title and hints, its input schema in the strict form, and its output
 * schema when its result has structure. Schemas reach the SDK's own mapper as JSON text, the form its builder takes.
 */
final class ToolListing {

    private ToolListing() {}

    static McpSchema.Tool of(ToolSpec spec, McpJsonMapper mapper) {
        String schema;
        try {
            schema = EventJson.mapper().writeValueAsString(StrictSchemas.of(spec.inputSchema()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The input schema of tool " + spec.name() + " cannot be written as JSON.", e);
        }
        ToolPresentation presentation = ToolPresentation.of(spec);
        McpSchema.Tool.Builder tool = McpSchema.Tool.builder()
                .name(spec.name())
                .title(presentation.title())
                .description(ModelDescriptions.of(spec))
                .inputSchema(mapper, schema)
                .annotations(presentation.annotations());
        presentation.outputSchemaJson().ifPresent(output -> tool.outputSchema(mapper, output));
        return tool.build();
    }
}

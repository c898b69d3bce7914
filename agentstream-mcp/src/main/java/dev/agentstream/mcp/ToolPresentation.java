package dev.agentstream.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.ToolHints;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolSpec;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How MCP presents a tool beyond its input schema, all of it read from the tool's own spec: its title, its
 * hints as MCP annotations, and, for a tool whose result has structure, an output schema whose facts (taken
 * from the result's metadata) travel as {@code structuredContent}. A tool that declares no hints gets no
 * annotations, so a client assumes the MCP defaults (may write, may reach the outside world).
 *
 * @param outputSchema the schema of {@code structuredContent}; its properties name the metadata keys sent
 */
record ToolPresentation(String title, McpSchema.ToolAnnotations annotations, Optional<ObjectNode> outputSchema) {

    /** No title, no hints, no structure: for results whose tool is not known. */
    static final ToolPresentation UNSTRUCTURED = new ToolPresentation("", null, Optional.empty());

    /** What every call's result tells, whatever its tool: the runtime writes these, not the tool. */
    private static final String COMMON_FACTS = """
            {"cancelled":{"type":"boolean","description":"The call was cancelled before it finished."},
             "durationMs":{"type":"integer","description":"How long the call took."},
             "truncated":{"type":"boolean","description":"The text result keeps only the head and tail of the output."},
             "spoolPath":{"type":"string","description":"The file holding the whole output (none for a file view: the file holds it)."}}""";

    static ToolPresentation of(ToolSpec spec) {
        return new ToolPresentation(spec.title(), spec.hints().map(ToolPresentation::annotations).orElse(null),
                spec.factsSchema().map(ToolPresentation::withCommonFacts));
    }

    /**
     * The result's facts as {@code structuredContent}: the metadata keys the output schema names, when the
     * tool has one and the call did not fail (an error result carries no structure, as MCP allows).
     */
    Optional<Map<String, Object>> structured(ToolResult result) {
        if (outputSchema.isEmpty() || result.isError()) return Optional.empty();
        JsonNode properties = outputSchema.get().path("properties");
        Map<String, Object> facts = new LinkedHashMap<>();
        result.metadata().forEach((key, value) -> {
            if (value != null && properties.has(key)) facts.put(key, value);
        });
        return Optional.of(facts);
    }

    /** The output schema as the JSON text the SDK's builder takes. */
    Optional<String> outputSchemaJson() {
        return outputSchema.map(schema -> {
            try {
                return EventJson.mapper().writeValueAsString(schema);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("An output schema cannot be written as JSON.", e);
            }
        });
    }

    private static McpSchema.ToolAnnotations annotations(ToolHints hints) {
        McpSchema.ToolAnnotations.Builder annotations = McpSchema.ToolAnnotations.builder()
                .readOnlyHint(hints.readOnly()).openWorldHint(hints.openWorld());
        // MCP reads destructiveHint and idempotentHint only when readOnlyHint is false.
        if (!hints.readOnly()) annotations.destructiveHint(hints.destructive()).idempotentHint(hints.idempotent());
        return annotations.build();
    }

    /** The tool's facts schema as an object schema, with the facts every result has added to its properties. */
    private static ObjectNode withCommonFacts(JsonNode factsSchema) {
        ObjectNode schema = factsSchema.deepCopy();
        schema.put("type", "object");
        ObjectNode properties = (ObjectNode) schema.get("properties");
        try {
            properties.setAll((ObjectNode) EventJson.mapper().readTree(COMMON_FACTS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The common facts schema is not valid JSON.", e);
        }
        return schema;
    }
}

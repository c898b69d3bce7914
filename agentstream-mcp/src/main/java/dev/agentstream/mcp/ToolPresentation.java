package dev.agentstream.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolSpec;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How MCP presents a tool beyond its spec: a title for people, the behaviour hints a client uses to decide
 * what to confirm, and, for tools whose result has structure, an output schema whose facts (taken from the
 * result's metadata) travel as {@code structuredContent}. A tool this table does not know gets its name as
 * title and no hints, so a client assumes the MCP defaults (may write, may reach the outside world).
 *
 * @param outputSchema the schema of {@code structuredContent}; its properties name the metadata keys sent
 */
record ToolPresentation(String title, McpSchema.ToolAnnotations annotations, Optional<ObjectNode> outputSchema) {

    /** No title, no hints, no structure: for results whose tool is not known. */
    static final ToolPresentation UNSTRUCTURED = new ToolPresentation("", null, Optional.empty());

    /** What every call's result tells, whatever its tool. */
    private static final String COMMON_FACTS = """
            {"cancelled":{"type":"boolean","description":"The call was cancelled before it finished."},
             "durationMs":{"type":"integer","description":"How long the call took."},
             "truncated":{"type":"boolean","description":"The text result keeps only the head and tail of the output."},
             "spoolPath":{"type":"string","description":"The file holding the whole output."}}""";

    private static final String BASH_FACTS = """
            {"exitCode":{"type":"integer","description":"The command's exit status; absent while it still runs."},
             "timedOut":{"type":"boolean","description":"The command was still running at the call's timeout and goes on in the session."},
             "restarted":{"type":"boolean","description":"The call restarted the shell."},
             "bytes":{"type":"integer","description":"Bytes of output the command printed."},
             "lines":{"type":"integer","description":"Lines of output the command printed."},
             "sandbox":{"type":"string","description":"Where the command ran (the sandbox, or none)."}}""";

    private static final String FIND_FACTS = """
            {"matches":{"type":"integer","description":"Matching lines found."},
             "filesWithMatches":{"type":"integer","description":"Files holding at least one match."},
             "filesScanned":{"type":"integer","description":"Files searched."},
             "bytesScanned":{"type":"integer","description":"Bytes searched."},
             "binarySkipped":{"type":"integer","description":"Binary files skipped."},
             "capped":{"type":"boolean","description":"The search stopped at max_results."}}""";

    private static final String TREE_FACTS = """
            {"directories":{"type":"integer","description":"Directories seen."},
             "files":{"type":"integer","description":"Files seen."},
             "entriesShown":{"type":"integer","description":"Entries listed in the text result."},
             "entriesNotShown":{"type":"integer","description":"Entries left out by the limits."},
             "depthLimited":{"type":"integer","description":"Directories not opened because of the depth limit."},
             "ignored":{"type":"integer","description":"Entries skipped by .gitignore rules."},
             "hidden":{"type":"integer","description":"Hidden entries skipped."}}""";

    static ToolPresentation of(ToolSpec spec) {
        String type = spec.anthropicType().orElse("");
        if (type.startsWith("bash_")) {
            return new ToolPresentation("Bash shell", hints(false, true, false, true), Optional.of(schema(BASH_FACTS, "durationMs", "sandbox")));
        }
        if (type.startsWith("text_editor_")) {
            return new ToolPresentation("Text editor: view, create and edit files", hints(false, true, false, false), Optional.empty());
        }
        if (type.startsWith("computer_")) {
            return new ToolPresentation("Computer: screen, mouse and keyboard", hints(false, true, false, true), Optional.empty());
        }
        return switch (spec.name()) {
            case "find" -> new ToolPresentation("Find text in files", hints(true, false, true, false), Optional.of(schema(FIND_FACTS, "matches", "filesWithMatches", "filesScanned")));
            case "tree" -> new ToolPresentation("Directory tree", hints(true, false, true, false), Optional.of(schema(TREE_FACTS, "directories", "files")));
            default -> new ToolPresentation(spec.name(), null, Optional.empty());
        };
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

    private static McpSchema.ToolAnnotations hints(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {
        McpSchema.ToolAnnotations.Builder hints = McpSchema.ToolAnnotations.builder().readOnlyHint(readOnly).openWorldHint(openWorld);
        // MCP reads destructiveHint and idempotentHint only when readOnlyHint is false.
        if (!readOnly) hints.destructiveHint(destructive).idempotentHint(idempotent);
        return hints.build();
    }

    /** An object schema with the tool's facts, the common ones, and the facts every result of the tool has. */
    private static ObjectNode schema(String toolFacts, String... required) {
        ObjectNode schema = EventJson.mapper().createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.setAll((ObjectNode) parse(toolFacts));
        properties.setAll((ObjectNode) parse(COMMON_FACTS));
        ArrayNode names = schema.putArray("required");
        for (String name : required) names.add(name);
        return schema;
    }

    private static JsonNode parse(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An output schema constant is not valid JSON.", e);
        }
    }
}

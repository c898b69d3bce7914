package dev.agentstream.mcp;

import dev.agentstream.core.ContentBlock;
import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.core.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A call's terminal event as an MCP tool result: the model's text (the output as {@code ModelView} rendered
 * it, with the spool path whenever something was left out), images as image content, {@code isError} for a
 * tool error or a runtime failure, and the result's metadata (exit code, duration, spool path, ...) under
 * {@code _meta}. A tool with an output schema also gets its result's facts as {@code structuredContent}.
 */
final class ResultTranslator {

    /** The {@code _meta} key of a result's metadata; reverse-DNS prefixed as MCP asks of custom keys. */
    static final String META_KEY = "dev.agentstream/result";

    private ResultTranslator() {}

    static McpSchema.CallToolResult toResult(ToolEvent terminal) {
        return toResult(terminal, ToolPresentation.UNSTRUCTURED);
    }

    /** As {@link #toResult(ToolEvent)}, with the structured facts {@code presentation} declares. */
    static McpSchema.CallToolResult toResult(ToolEvent terminal, ToolPresentation presentation) {
        ToolResult result = ToolRegistry.resultOf(terminal);
        List<McpSchema.Content> content = new ArrayList<>();
        for (ContentBlock block : result.content()) {
            content.add(switch (block) {
                case ContentBlock.Text text -> new McpSchema.TextContent(text.text());
                case ContentBlock.ImageData image -> new McpSchema.ImageContent(null, image.base64(), image.mediaType());
            });
        }
        if (content.isEmpty()) content.add(new McpSchema.TextContent(result.isError() ? "The tool failed without a message." : "(no output)"));
        McpSchema.CallToolResult.Builder builder = McpSchema.CallToolResult.builder().content(content).isError(result.isError());
        if (!result.metadata().isEmpty()) {
            // LinkedHashMap: metadata may hold nulls (a timed-out command has no exit code yet).
            builder.meta(Map.of(META_KEY, new LinkedHashMap<>(result.metadata())));
        }
        presentation.structured(result).ifPresent(builder::structuredContent);
        return builder.build();
    }
}

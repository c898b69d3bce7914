package dev.agentstream.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What goes back to the model once a call ends. Metadata carries the facts a client may want without
 * parsing text: exitCode, durationMs, bytes, lines, truncated, spoolPath and tool-specific keys.
 */
public record ToolResult(List<ContentBlock> content, boolean isError, Map<String, Object> metadata) {

    public ToolResult {
        content = List.copyOf(content);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public static ToolResult text(String text) {
        return new ToolResult(List.of(new ContentBlock.Text(text)), false, Map.of());
    }

    /** An error the model can act on: one sentence saying what went wrong and what to do. */
    public static ToolResult error(String message) {
        return new ToolResult(List.of(new ContentBlock.Text(message)), true, Map.of());
    }

    /** The text blocks joined, for callers that only show text. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (ContentBlock block : content) {
            if (block instanceof ContentBlock.Text t) {
                if (!out.isEmpty()) out.append('\n');
                out.append(t.text());
            }
        }
        return out.toString();
    }

    public ToolResult withMetadata(Map<String, Object> extra) {
        Map<String, Object> merged = new LinkedHashMap<>(metadata);
        merged.putAll(extra);
        return new ToolResult(content, isError, merged);
    }
}

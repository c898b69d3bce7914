package dev.agentstream.agent.conversation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.core.ContentBlock;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.ToolResult;
import java.util.Optional;

/**
 * tool_result blocks as the Messages API takes them: text and base64 images, and is_error; the result of a toolset
 * member's call echoes its {@code toolset_name}, which the API requires.
 */
public final class ToolResultBlocks {

    private ToolResultBlocks() {}

    public static ObjectNode of(String toolUseId, ToolResult result) {
        return of(toolUseId, Optional.empty(), result);
    }

    public static ObjectNode of(String toolUseId, Optional<String> toolset, ToolResult result) {
        ObjectNode block = EventJson.mapper().createObjectNode().put("type", "tool_result").put("tool_use_id", toolUseId);
        toolset.ifPresent(name -> block.put("toolset_name", name));
        ArrayNode content = block.putArray("content");
        for (ContentBlock part : result.content()) {
            switch (part) {
                case ContentBlock.Text t -> {
                    // The API refuses empty text blocks.
                    if (!t.text().isEmpty()) content.addObject().put("type", "text").put("text", t.text());
                }
                case ContentBlock.ImageData image -> {
                    ObjectNode source = content.addObject().put("type", "image").putObject("source");
                    source.put("type", "base64").put("media_type", image.mediaType()).put("data", image.base64());
                }
            }
        }
        if (content.isEmpty()) content.addObject().put("type", "text").put("text", result.isError() ? "(the tool failed without saying why)" : "(no output)");
        if (result.isError()) block.put("is_error", true);
        return block;
    }

    public static final String NOT_RUN = "This call did not run: the session was stopped before it could. Call it again if it is still needed.";

    /** The answer to a call that never ran because the session ended first. */
    public static ObjectNode notRun(String toolUseId) {
        return notRun(toolUseId, Optional.empty());
    }

    public static ObjectNode notRun(String toolUseId, Optional<String> toolset) {
        return of(toolUseId, toolset, ToolResult.error(NOT_RUN));
    }
}

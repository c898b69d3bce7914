package dev.agentstream.agent.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Places prompt-cache breakpoints on the latest turns. The API allows four per request: the system prompt
 * and the tool list take one each, and the last two user messages take the rest. The newest one writes this
 * turn's prefix to the cache; the one before it is where the previous request wrote, so this request reads
 * everything up to there from the cache even when the new part is longer than the cache's lookback.
 */
final class CacheBreakpoints {

    public static final int MESSAGE_BREAKPOINTS = 2;

    private CacheBreakpoints() {}

    /**
     * The messages with a breakpoint on the last block of the last {@code count} user messages. Marked
     * messages are copies; the conversation itself is never changed, so breakpoints do not pile up.
     */
    public static List<ObjectNode> mark(List<ObjectNode> messages, int count) {
        List<ObjectNode> marked = new ArrayList<>(messages);
        int remaining = count;
        for (int i = marked.size() - 1; i >= 0 && remaining > 0; i--) {
            ObjectNode message = marked.get(i);
            if (!"user".equals(message.path("role").asText())) continue;
            ObjectNode copy = message.deepCopy();
            ArrayNode content = blocks(copy);
            if (content.isEmpty()) continue;
            ((ObjectNode) content.get(content.size() - 1)).putObject("cache_control").put("type", "ephemeral");
            marked.set(i, copy);
            remaining--;
        }
        return marked;
    }

    /** The message's content as a block list (a plain string becomes one text block, which can carry a breakpoint). */
    private static ArrayNode blocks(ObjectNode message) {
        JsonNode content = message.get("content");
        if (content != null && content.isArray()) return (ArrayNode) content;
        ArrayNode blocks = message.putArray("content");
        if (content != null && content.isTextual()) blocks.addObject().put("type", "text").put("text", content.asText());
        return blocks;
    }
}

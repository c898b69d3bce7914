package dev.agentstream.agent.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Makes room when a conversation nears the model's context window: the content of old tool results is
 * replaced by a short placeholder (the transcript keeps them, and the spool files or the viewed files their full output), keeping the
 * latest user messages whole. Like the API's context editing, it is done rarely and all at once, since it
 * rewrites the prompt cache from the first cleared result on.
 */
public final class ToolResultClearer {

    public static final String PLACEHOLDER = "[old tool result cleared to keep the conversation within the model's context window]";
    /** Clear once the last request used this share of the context window. */
    public static final double THRESHOLD = 0.8;

    private ToolResultClearer() {}

    /** Whether a request of {@code usedTokens} is close enough to {@code contextWindow} to clear. */
    public static boolean nearLimit(long usedTokens, long contextWindow) {
        return contextWindow > 0 && usedTokens >= THRESHOLD * contextWindow;
    }

    /**
     * Clears, in place, every tool result older than the last {@code keepUserMessages} user messages.
     *
     * @return how many tool results were cleared
     */
    public static int clear(List<ObjectNode> messages, int keepUserMessages) {
        int seen = 0;
        int cleared = 0;
        for (int m = messages.size() - 1; m >= 0; m--) {
            ObjectNode message = messages.get(m);
            if (!"user".equals(message.path("role").asText())) continue;
            if (++seen <= keepUserMessages) continue;
            JsonNode content = message.get("content");
            if (content == null || !content.isArray()) continue;
            for (JsonNode block : content) {
                if (!"tool_result".equals(block.path("type").asText()) || isCleared(block)) continue;
                ArrayNode parts = ((ObjectNode) block).putArray("content");
                parts.addObject().put("type", "text").put("text", PLACEHOLDER);
                cleared++;
            }
        }
        return cleared;
    }

    private static boolean isCleared(JsonNode block) {
        JsonNode parts = block.path("content");
        return parts.size() == 1 && PLACEHOLDER.equals(parts.get(0).path("text").asText());
    }
}

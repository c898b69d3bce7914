package dev.agentstream.agent.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Keeps only the most recent images that tools returned; older ones become a short text placeholder. A
 * screenshot costs about as many tokens as a page of text and an old one rarely matters, so without this a
 * computer-use session pays for every screen it ever saw on every turn. Images the person sent are kept.
 */
public final class ScreenshotPruner {

    public static final String PLACEHOLDER = "[screenshot removed to save tokens: only the most recent ones are kept]";

    private ScreenshotPruner() {}

    /**
     * Replaces, in place, all but the {@code keep} newest tool-result images with the placeholder.
     *
     * @return how many images were replaced
     */
    public static int prune(List<ObjectNode> messages, int keep) {
        int seen = 0;
        int removed = 0;
        for (int m = messages.size() - 1; m >= 0; m--) {
            JsonNode content = messages.get(m).get("content");
            if (content == null || !content.isArray()) continue;
            for (int b = content.size() - 1; b >= 0; b--) {
                JsonNode block = content.get(b);
                if (!"tool_result".equals(block.path("type").asText()) || !block.path("content").isArray()) continue;
                ArrayNode parts = (ArrayNode) block.get("content");
                for (int p = parts.size() - 1; p >= 0; p--) {
                    if (!"image".equals(parts.get(p).path("type").asText())) continue;
                    if (++seen > keep) {
                        ObjectNode placeholder = parts.objectNode().put("type", "text").put("text", PLACEHOLDER);
                        parts.set(p, placeholder);
                        removed++;
                    }
                }
            }
        }
        return removed;
    }
}

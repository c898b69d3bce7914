package dev.agentstream.agent.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps only the most recent images that tools returned; older ones become a short text placeholder. A
 * screenshot costs about as many tokens as a page of text and an old one rarely matters, so without this a
 * computer-use session pays for every screen it ever saw on every turn. Images the person sent are kept.
 *
 * <p>Old images go in batches, not one per turn: replacing an image changes the conversation from that point
 * on, so the prompt cache must be written again from there. Removing one image a turn would rewrite the
 * cache every turn (cache writes cost 1.25x, reads 0.1x); removing {@code batch} at once rewrites it once per
 * {@code batch} screenshots and leaves the cached prefix intact in between (computer-use-demo's
 * {@code min_removal_threshold} does the same).
 */
public final class ScreenshotPruner {

    public static final String PLACEHOLDER = "[screenshot removed to save tokens: only the most recent ones are kept]";

    private ScreenshotPruner() {}

    /**
     * Replaces, in place, the oldest tool-result images with the placeholder once at least {@code batch} of them
     * are beyond the {@code keep} newest, and then a multiple of {@code batch} of them.
     *
     * @return how many images were replaced
     */
    public static int prune(List<ObjectNode> messages, int keep, int batch) {
        List<ArrayNode> holders = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (ObjectNode message : messages) {
            JsonNode content = message.get("content");
            if (content == null || !content.isArray()) continue;
            for (JsonNode block : content) {
                if (!"tool_result".equals(block.path("type").asText()) || !block.path("content").isArray()) continue;
                ArrayNode parts = (ArrayNode) block.get("content");
                for (int p = 0; p < parts.size(); p++) {
                    if ("image".equals(parts.get(p).path("type").asText())) {
                        holders.add(parts);
                        positions.add(p);
                    }
                }
            }
        }
        int removable = holders.size() - keep;
        int step = Math.max(1, batch);
        if (removable < step) return 0;
        removable -= removable % step;
        for (int i = 0; i < removable; i++) {
            ArrayNode parts = holders.get(i);
            parts.set(positions.get(i), parts.objectNode().put("type", "text").put("text", PLACEHOLDER));
        }
        return removable;
    }
}

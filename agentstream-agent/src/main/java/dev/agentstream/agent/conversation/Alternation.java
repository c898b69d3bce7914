package dev.agentstream.agent.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.core.EventJson;
import java.util.ArrayList;
import java.util.List;

/**
 * The conversation as a strict user/assistant alternation, for the request. The transcript is a plain log
 * and may hold two user messages in a row (a stopped reply's cancelled results, then what the person typed
 * on --resume); they are sent as one message, blocks in order, so tool results stay first.
 */
public final class Alternation {

    private Alternation() {}

    public static List<ObjectNode> of(List<ObjectNode> messages) {
        List<ObjectNode> merged = new ArrayList<>(messages.size());
        for (ObjectNode message : messages) {
            ObjectNode previous = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (previous != null && previous.path("role").asText().equals(message.path("role").asText())) {
                ObjectNode joined = EventJson.mapper().createObjectNode().put("role", message.path("role").asText());
                ArrayNode blocks = joined.putArray("content");
                blocks.addAll(blocks(previous));
                blocks.addAll(blocks(message));
                merged.set(merged.size() - 1, joined);
            } else {
                merged.add(message);
            }
        }
        return merged;
    }

    private static ArrayNode blocks(ObjectNode message) {
        JsonNode content = message.get("content");
        if (content != null && content.isArray()) return ((ArrayNode) content).deepCopy();
        ArrayNode blocks = EventJson.mapper().createArrayNode();
        if (content != null && content.isTextual()) blocks.addObject().put("type", "text").put("text", content.asText());
        return blocks;
    }
}

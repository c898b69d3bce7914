package dev.agentstream.agent.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.core.EventJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The messages of a session, in the Messages API's own JSON. Keeping the wire form means the transcript,
 * the request and a test's assertions all see the same thing.
 */
public final class Conversation {

    private final List<ObjectNode> messages = new ArrayList<>();

    public static Conversation of(List<ObjectNode> messages) {
        Conversation conversation = new Conversation();
        conversation.messages.addAll(messages);
        return conversation;
    }

    public List<ObjectNode> messages() {
        return Collections.unmodifiableList(messages);
    }

    /** Prunes old screenshots in place, in batches (see {@link ScreenshotPruner}); returns how many were replaced. */
    public int pruneScreenshots(int keep, int batch) {
        return ScreenshotPruner.prune(messages, keep, batch);
    }

    /** Clears old tool results in place (see {@link ToolResultClearer}); returns how many were cleared. */
    public int clearOldToolResults(int keepUserMessages) {
        return ToolResultClearer.clear(messages, keepUserMessages);
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    /**
     * Adds what the person typed. If the last message is the model's with tool calls that never got results
     * (the session was stopped before they ran), the new message answers them first, since the API requires
     * it. A user message right after another is appended, which keeps the transcript a plain log; the request
     * joins them into one (see {@link Alternation}).
     */
    public ObjectNode addUserText(String text, List<String> notes) {
        ArrayNode blocks = EventJson.mapper().createArrayNode();
        for (JsonNode use : unansweredToolUses()) {
            blocks.add(ToolResultBlocks.notRun(use.path("id").asText(),
                    use.hasNonNull("toolset_name") ? java.util.Optional.of(use.get("toolset_name").asText()) : java.util.Optional.empty()));
        }
        blocks.addObject().put("type", "text").put("text", text);
        notes.forEach(note -> blocks.addObject().put("type", "text").put("text", note));
        return addUser(blocks);
    }

    public ObjectNode addUser(ArrayNode blocks) {
        ObjectNode message = EventJson.mapper().createObjectNode().put("role", "user");
        message.set("content", blocks);
        messages.add(message);
        return message;
    }

    public ObjectNode addAssistant(ArrayNode content) {
        ObjectNode message = EventJson.mapper().createObjectNode().put("role", "assistant");
        message.set("content", content);
        messages.add(message);
        return message;
    }

    /** The ids of tool_use blocks in the last message, when it is the model's and nothing answered them. */
    public List<String> unansweredToolUseIds() {
        return unansweredToolUses().stream().map(use -> use.path("id").asText()).toList();
    }

    private List<JsonNode> unansweredToolUses() {
        if (messages.isEmpty()) return List.of();
        ObjectNode last = messages.get(messages.size() - 1);
        if (!"assistant".equals(last.path("role").asText())) return List.of();
        List<JsonNode> uses = new ArrayList<>();
        for (JsonNode block : last.path("content")) {
            if ("tool_use".equals(block.path("type").asText())) uses.add(block);
        }
        return uses;
    }

    /** How many replies the model has given. */
    public int assistantMessages() {
        return (int) messages.stream().filter(m -> "assistant".equals(m.path("role").asText())).count();
    }

}

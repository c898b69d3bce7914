package dev.agentstream.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.agent.session.TranscriptStore;
import dev.agentstream.core.EventJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * A saved transcript as the events the page renders ({@code {"session": ID, "events": [...]}}), to step
 * through it: the tasks and the model's words and thinking from the saved messages, screenshots from the
 * saved tool results, and the rest (turns, tool calls with their results, usage, notices, the end) from
 * the saved events. Live output and progress are not in a transcript (the spool files hold the output).
 */
final class SessionTimeline {

    private static final Set<String> SAVED_EVENTS = Set.of("session_start", "turn_start", "tool_use", "started", "result", "error",
            "usage", "turn_end", "retry", "notice", "session_end");

    private SessionTimeline() {}

    static Optional<ObjectNode> read(TranscriptStore store, String id) {
        if (!id.matches("[A-Za-z0-9._-]+")) return Optional.empty();
        Path file = store.dir().resolve(id + ".jsonl");
        if (!Files.isRegularFile(file)) return Optional.empty();
        ObjectNode timeline = EventJson.mapper().createObjectNode().put("session", id);
        ArrayNode events = timeline.putArray("events");
        int turn = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode record;
                try {
                    record = EventJson.mapper().readTree(line);
                } catch (IOException e) {
                    continue; // a line cut short by a killed process
                }
                if (record == null) continue;
                switch (record.path("kind").asText()) {
                    case "event" -> {
                        JsonNode event = record.path("event");
                        if (event.path("type").asText().equals("turn_start")) turn = event.path("turn").asInt();
                        if (SAVED_EVENTS.contains(event.path("type").asText())) events.add(event);
                    }
                    case "message" -> message(record.path("message"), turn, events);
                    default -> {}
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the session file " + file + ": " + e.getMessage(), e);
        }
        return Optional.of(timeline);
    }

    private static void message(JsonNode message, int turn, ArrayNode events) {
        JsonNode content = message.path("content");
        boolean user = message.path("role").asText().equals("user");
        if (content.isTextual()) {
            if (user) events.addObject().put("type", "task").put("text", content.asText());
            return;
        }
        StringBuilder task = new StringBuilder();
        boolean results = false;
        for (JsonNode block : content) results |= block.path("type").asText().equals("tool_result");
        for (JsonNode block : content) {
            String type = block.path("type").asText();
            // Text beside tool results is a note agentstream added for the model, not something the person typed.
            if (user && type.equals("text") && !results) {
                task.append(task.isEmpty() ? "" : "\n").append(block.path("text").asText());
            } else if (user && type.equals("tool_result")) {
                for (JsonNode part : block.path("content")) {
                    if (part.path("type").asText().equals("image")) {
                        events.addObject().put("type", "image").put("call", block.path("tool_use_id").asText())
                                .put("mediaType", part.path("source").path("media_type").asText())
                                .put("data", part.path("source").path("data").asText());
                    }
                }
            } else if (!user && type.equals("text")) {
                events.addObject().put("type", "text").put("turn", turn).put("delta", block.path("text").asText());
            } else if (!user && type.equals("thinking")) {
                events.addObject().put("type", "thinking").put("turn", turn).put("delta", block.path("thinking").asText());
            }
        }
        if (!task.isEmpty()) events.addObject().put("type", "task").put("text", task.toString());
    }
}

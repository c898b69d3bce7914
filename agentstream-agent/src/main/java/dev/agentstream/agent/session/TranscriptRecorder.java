package dev.agentstream.agent.session;

import dev.agentstream.agent.AgentEvent;
import dev.agentstream.agent.AgentEventJson;
import dev.agentstream.agent.AgentListener;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.core.ToolEvent;

/**
 * Saves a session's events to its transcript, except the streamed pieces: text and thinking deltas (the
 * saved message holds the whole text) and tool output and progress (the tool's spool file holds the full
 * output, which can be far larger than anything worth keeping twice). Images are saved as files instead.
 */
public final class TranscriptRecorder implements AgentListener {

    private final Transcript transcript;

    public TranscriptRecorder(Transcript transcript) {
        this.transcript = transcript;
    }

    @Override
    public void accept(AgentEvent event) {
        boolean streamedPiece = switch (event) {
            case AgentEvent.TextDelta t -> true;
            case AgentEvent.ThinkingDelta t -> true;
            case AgentEvent.Tool t -> t.event() instanceof ToolEvent.Output || t.event() instanceof ToolEvent.Progress
                    || t.event() instanceof ToolEvent.Image;
            default -> false;
        };
        if (streamedPiece) return;
        ObjectNode json = AgentEventJson.toJson(event);
        withoutImageData(json);
        transcript.event(json);
    }

    /** Images are in the saved messages (and in files) already; a result event keeps only that there was one. */
    private static void withoutImageData(ObjectNode json) {
        for (JsonNode part : json.path("content")) {
            if ("image".equals(part.path("type").asText()) && part instanceof ObjectNode image) {
                image.remove("data");
                image.put("omitted", true);
            }
        }
    }
}

package dev.agentstream.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.core.EventJson;
import dev.agentstream.tools.computer.AppliedInput;
import dev.agentstream.tools.computer.DisplayAccess;
import dev.agentstream.tools.computer.DisplayUnavailableException;
import dev.agentstream.tools.computer.live.AgentMarks;
import dev.agentstream.tools.computer.live.DesktopFrame;
import dev.agentstream.tools.computer.live.DesktopFrames;
import dev.agentstream.tools.computer.live.TakeOver;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The computer tool's display, live in the page: frames only when the screen changed (changed tiles as PNG,
 * a keyframe first) over Server-Sent Events, with the agent's last click and typed text to mark on it; and
 * the person's own input on it (take-over) through the computer tool's input path.
 */
final class LiveDesktop implements AutoCloseable {

    /** Frames a page may fall behind by before it is sent a fresh keyframe instead of the backlog. */
    private static final int BACKLOG = 8;

    private final DesktopFrames frames;
    private final AgentMarks marks;
    private final TakeOver person;

    LiveDesktop(DisplayAccess display) {
        this.frames = new DesktopFrames(display);
        this.marks = new AgentMarks(display);
        this.person = new TakeOver(display);
    }

    /** {@code GET /api/desktop}: one SSE event per frame, until the page leaves. */
    void stream(HttpServletResponse response, LongConsumer streamedBytes) throws IOException {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BACKLOG);
        DesktopFrames.Subscription[] subscription = new DesktopFrames.Subscription[1];
        try {
            subscription[0] = frames.subscribe(new DesktopFrames.Subscriber() {
                @Override
                public void frame(DesktopFrame frame) {
                    if (!queue.offer(frame)) {
                        // The page fell behind: drop the backlog and start it over from a whole screen.
                        queue.clear();
                        subscription[0].requestKeyframe();
                    }
                }

                @Override
                public void ended(String reason) {
                    queue.clear();
                    queue.offer(reason);
                }
            });
        } catch (DisplayUnavailableException | IllegalStateException e) {
            Responses.error(response, 503, "The live desktop is not available: " + e.getMessage());
            return;
        }
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setHeader("Cache-Control", "no-store");
        OutputStream out = response.getOutputStream();
        try (DesktopFrames.Subscription watching = subscription[0]) {
            EventStream.write(out, "retry: 1000\n\n", streamedBytes);
            while (true) {
                Object next = queue.poll(15, TimeUnit.SECONDS);
                if (next == null) {
                    EventStream.write(out, ": keep-alive\n\n", streamedBytes);
                } else if (next instanceof DesktopFrame frame) {
                    EventStream.write(out, "data: " + json(frame) + "\n\n", streamedBytes);
                } else {
                    EventStream.write(out, "data: " + EventJson.mapper().createObjectNode().put("type", "desktop_end").put("message", next.toString()) + "\n\n", streamedBytes);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // An IOException is the page going away.
    }

    /** The person's action, in screen pixels, as the computer tool takes it; the line that tells what was done. */
    TakeOver.Result input(JsonNode action) {
        return person.apply(action);
    }

    private String json(DesktopFrame frame) {
        ObjectNode json = EventJson.mapper().createObjectNode().put("type", "frame").put("seq", frame.sequence())
                .put("width", frame.screenWidth()).put("height", frame.screenHeight()).put("keyframe", frame.keyframe())
                .put("capturedAt", frame.capturedAtMs());
        ArrayNode tiles = json.putArray("tiles");
        for (DesktopFrame.Tile tile : frame.tiles()) {
            tiles.addObject().put("x", tile.x()).put("y", tile.y()).put("width", tile.width()).put("height", tile.height())
                    .put("mediaType", tile.mimeType()).put("data", tile.base64());
        }
        marks.lastClick().flatMap(AppliedInput::pointer).ifPresent(p -> json.putObject("click").put("x", p.x()).put("y", p.y()));
        marks.lastTyped().flatMap(AppliedInput::text).ifPresent(text -> json.put("typed", text));
        try {
            return EventJson.mapper().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        frames.close();
        marks.close();
        person.close();
    }
}

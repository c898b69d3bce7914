package dev.agentstream.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.agent.AgentConfigException;
import dev.agentstream.agent.session.SessionSummary;
import dev.agentstream.core.EventJson;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page's API under {@code /api}: the sessions (list, start or continue with a task, stop), a session's
 * live events (SSE), its saved timeline and its export. Input comes by POST with a JSON body.
 */
final class ApiServlet extends HttpServlet {

    private static final Pattern SESSION_PATH = Pattern.compile("/api/sessions/([A-Za-z0-9._-]+)/(events|stop|pause|timeline|export)");
    private static final int MAX_BODY_BYTES = 4 << 20;

    private final LiveSessions sessions;
    private final ServeMetrics metrics;
    private final Optional<LiveDesktop> desktop;

    ApiServlet(LiveSessions sessions, ServeMetrics metrics, Optional<LiveDesktop> desktop) {
        this.sessions = sessions;
        this.metrics = metrics;
        this.desktop = desktop;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        if (path.equals("/api/sessions")) {
            Responses.json(response, 200, sessionList());
            return;
        }
        if (path.equals("/api/desktop")) {
            if (desktop.isEmpty()) {
                Responses.error(response, 404, "This server has no desktop: start it where the computer tool has a display.");
            } else {
                desktop.get().stream(response, metrics::streamed);
            }
            return;
        }
        Matcher m = SESSION_PATH.matcher(path);
        if (!m.matches()) {
            notFound(request, response);
            return;
        }
        String id = m.group(1);
        switch (m.group(2)) {
            case "events" -> {
                Optional<LiveSession> live = sessions.find(id);
                if (live.isEmpty()) {
                    Responses.error(response, 404, "Session " + id + " is not open in this server; open it from the session list first.");
                } else {
                    EventStream.stream(live.get(), request, response, metrics::streamed);
                }
            }
            case "timeline" -> timeline(id, response);
            case "export" -> export(id, response);
            default -> Responses.error(response, 405, "Send POST to " + path + ".");
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        if (path.equals("/api/sessions")) {
            task(request, response);
            return;
        }
        if (path.equals("/api/desktop/input")) {
            personInput(request, response);
            return;
        }
        Matcher m = SESSION_PATH.matcher(path);
        if (m.matches() && m.group(2).equals("pause")) {
            Optional<LiveSession> live = sessions.find(m.group(1));
            if (live.isEmpty()) {
                Responses.error(response, 404, "Session " + m.group(1) + " is not open in this server, so there is nothing to pause.");
                return;
            }
            live.get().pause();
            Responses.json(response, 200, EventJson.mapper().createObjectNode().put("paused", true));
            return;
        }
        if (m.matches() && m.group(2).equals("stop")) {
            Optional<LiveSession> live = sessions.find(m.group(1));
            if (live.isEmpty()) {
                Responses.error(response, 404, "Session " + m.group(1) + " is not open in this server, so there is nothing to stop.");
                return;
            }
            var interruption = live.get().interrupt();
            Responses.json(response, 200, EventJson.mapper().createObjectNode().put("interruption", interruption.name().toLowerCase(java.util.Locale.ROOT)));
            return;
        }
        notFound(request, response);
    }

    /**
     * {@code {"action": "left_click", "coordinate": [x, y], "session": "ID"}}: the person's action on the desktop in
     * screen pixels, as the computer tool takes it; what was done is told to session ID's model with its next task.
     */
    private void personInput(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (desktop.isEmpty()) {
            Responses.error(response, 404, "This server has no desktop to act on.");
            return;
        }
        Optional<JsonNode> read = body(request, response, "{\"action\": \"left_click\", \"coordinate\": [640, 400]}");
        if (read.isEmpty()) return;
        JsonNode body = read.get();
        Optional<LiveSession> session = body.path("session").isTextual() ? sessions.find(body.path("session").asText()) : Optional.empty();
        ObjectNode action = body.isObject() ? ((ObjectNode) body).deepCopy() : EventJson.mapper().createObjectNode();
        action.remove("session");
        var result = desktop.get().input(action);
        if (!result.isError()) session.ifPresent(s -> s.personDid(result.text()));
        Responses.json(response, result.isError() ? 400 : 200, EventJson.mapper().createObjectNode().put("isError", result.isError()).put("text", result.text()));
    }

    /** {@code {"task": "...", "session": "ID"}}: continues session ID (open or saved), or starts a new one without it. */
    private void task(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<JsonNode> read = body(request, response, "{\"task\": \"what to do\"}");
        if (read.isEmpty()) return;
        JsonNode body = read.get();
        String task = body.path("task").isTextual() ? body.path("task").asText() : "";
        if (task.isBlank()) {
            Responses.error(response, 400, "The task is empty; type what the agent should do.");
            return;
        }
        String id = body.path("session").isTextual() ? body.path("session").asText() : "";
        LiveSession session;
        try {
            session = id.isEmpty() ? sessions.create() : sessions.reopen(id);
        } catch (AgentConfigException e) {
            Responses.error(response, 404, e.getMessage());
            return;
        }
        // A page that already shows the session's history (a resumed one) follows the stream from here.
        long before = session.events().lastId();
        try {
            session.submit(task);
        } catch (LiveSession.Busy e) {
            Responses.error(response, 409, e.getMessage());
            return;
        }
        Responses.json(response, 202, EventJson.mapper().createObjectNode().put("session", session.id()).put("after", before));
    }

    private JsonNode sessionList() {
        ArrayNode list = EventJson.mapper().createArrayNode();
        for (SessionSummary s : sessions.store().list()) {
            ObjectNode row = list.addObject().put("id", s.id()).put("title", s.title()).put("model", s.model()).put("turns", s.turns())
                    .put("updated", s.updated().toString()).put("outcome", s.lastOutcome().orElse(""));
            Optional<LiveSession> live = sessions.find(s.id());
            row.put("open", live.isPresent()).put("running", live.map(LiveSession::isRunning).orElse(false));
        }
        return list;
    }

    private void timeline(String id, HttpServletResponse response) throws IOException {
        Optional<ObjectNode> timeline = SessionTimeline.read(sessions.store(), id);
        if (timeline.isEmpty()) {
            Responses.error(response, 404, "There is no saved session " + id + "; pick one from the session list.");
            return;
        }
        Responses.json(response, 200, timeline.get());
    }

    private void export(String id, HttpServletResponse response) throws IOException {
        Optional<ObjectNode> timeline = SessionTimeline.read(sessions.store(), id);
        if (timeline.isEmpty()) {
            Responses.error(response, 404, "There is no saved session " + id + "; pick one from the session list.");
            return;
        }
        response.setStatus(200);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"agentstream-" + id + ".html\"");
        response.getWriter().write(SessionExport.html(timeline.get()));
    }

    /** The request's JSON body, or empty once the error (not JSON, too big) was answered; {@code example} shows the shape. */
    private static Optional<JsonNode> body(HttpServletRequest request, HttpServletResponse response, String example) throws IOException {
        try {
            return Optional.of(readBody(request));
        } catch (JsonProcessingException e) {
            Responses.error(response, 400, "The body must be JSON like " + example + ".");
        } catch (IllegalArgumentException e) {
            Responses.error(response, 413, e.getMessage());
        }
        return Optional.empty();
    }

    private static JsonNode readBody(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new IllegalArgumentException("The request body is over " + (MAX_BODY_BYTES >> 20) + " MiB; send a shorter task.");
            }
            JsonNode json = EventJson.mapper().readTree(new String(bytes, StandardCharsets.UTF_8));
            return json == null ? EventJson.mapper().createObjectNode() : json;
        }
    }

    private static void notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Responses.error(response, 404, "There is no " + request.getMethod() + " " + request.getRequestURI() + " in this server's API.");
    }
}

package dev.agentstream.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.EventJson;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The server's answers: JSON bodies, and errors as {@code {"error":"one sentence"}}. */
final class Responses {

    private Responses() {}

    static void json(HttpServletResponse response, int status, JsonNode body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(EventJson.mapper().writeValueAsString(body));
    }

    static void error(HttpServletResponse response, int status, String sentence) throws IOException {
        json(response, status, EventJson.mapper().createObjectNode().put("error", sentence));
    }
}

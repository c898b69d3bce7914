package dev.agentstream.mcp;

import io.modelcontextprotocol.spec.HttpHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Resumes a broken SSE stream: a GET carrying {@code Last-Event-ID} first receives, with their own ids,
 * the events the stream that sent that id went on to send (kept by the session's {@link ReplayLog}: a
 * call's progress and its result, even those produced after the connection dropped), then goes on as the
 * session's GET stream. The SDK's own replay sends nothing, so the header does not reach it.
 */
final class ResumptionFilter extends HttpFilter {

    private final McpSessions sessions;

    ResumptionFilter(McpSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String lastEventId = request.getHeader(HttpHeaders.LAST_EVENT_ID);
        String sessionId = request.getHeader(HttpHeaders.MCP_SESSION_ID);
        String accept = request.getHeader("Accept");
        if (!"GET".equals(request.getMethod()) || lastEventId == null || !sessions.exists(sessionId)
                || accept == null || !accept.contains("text/event-stream")) {
            chain.doFilter(request, response);
            return;
        }
        List<ReplayLog.Event> missed = sessions.replayLog(sessionId).after(lastEventId.strip());
        if (!missed.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/event-stream");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader("Cache-Control", "no-cache");
            PrintWriter writer = response.getWriter();
            for (ReplayLog.Event event : missed) {
                writer.write("id: " + event.id() + "\n");
                writer.write("event: message\n");
                writer.write("data: " + event.json() + "\n\n");
            }
            writer.flush();
        }
        chain.doFilter(new WithoutLastEventId(request), response);
    }

    private static final class WithoutLastEventId extends HttpServletRequestWrapper {
        WithoutLastEventId(HttpServletRequest request) {
            super(request);
        }

        private static boolean hidden(String name) {
            return HttpHeaders.LAST_EVENT_ID.equalsIgnoreCase(name);
        }

        @Override
        public String getHeader(String name) {
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream().filter(name -> !hidden(name)).toList());
        }
    }
}

package dev.agentstream.server;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * {@code GET /api/sessions/ID/events}: the session's events as Server-Sent Events, each with its number as
 * the SSE id, so a browser that reconnects sends {@code Last-Event-ID} and gets exactly what it missed.
 * {@code ?after=N} does the same for a page that starts over (0 for everything). One request thread per
 * open page, blocking: Jetty runs them on virtual threads.
 */
final class EventStream {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private EventStream() {}

    static void stream(LiveSession session, HttpServletRequest request, HttpServletResponse response, LongConsumer streamedBytes) throws IOException {
        long after;
        try {
            after = after(request);
        } catch (NumberFormatException e) {
            Responses.error(response, HttpServletResponse.SC_BAD_REQUEST, "Last-Event-ID and ?after= take an event number (0 or more).");
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no");
        OutputStream out = response.getOutputStream();
        // The browser retries a dropped stream after this long, sending Last-Event-ID.
        write(out, "retry: 1000\n\n", streamedBytes);
        try {
            while (true) {
                EventLog.Batch batch = session.events().after(after, KEEP_ALIVE);
                if (batch.dropped() > 0) {
                    write(out, "data: {\"type\":\"notice\",\"message\":\"" + batch.dropped() + " earlier events of this session no longer fit in "
                            + "the server's memory; the saved session shows them.\"}\n\n", streamedBytes);
                }
                if (batch.entries().isEmpty()) {
                    if (session.events().isClosed()) return;
                    write(out, ": keep-alive\n\n", streamedBytes);
                    continue;
                }
                StringBuilder text = new StringBuilder();
                for (EventLog.Entry entry : batch.entries()) {
                    text.append("id: ").append(entry.id()).append("\ndata: ").append(entry.json()).append("\n\n");
                    after = entry.id();
                }
                write(out, text.toString(), streamedBytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // An IOException here is the page going away (closed tab, reload): nothing to report.
    }

    private static long after(HttpServletRequest request) {
        String header = request.getHeader("Last-Event-ID");
        String value = header != null && !header.isBlank() ? header : request.getParameter("after");
        if (value == null || value.isBlank()) return 0;
        long after = Long.parseLong(value.strip());
        if (after < 0) throw new NumberFormatException("negative");
        return after;
    }

    static void write(OutputStream out, String text, LongConsumer streamedBytes) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes);
        out.flush();
        streamedBytes.accept(bytes.length);
    }
}

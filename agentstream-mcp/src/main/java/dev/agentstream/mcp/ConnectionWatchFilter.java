package dev.agentstream.mcp;

import io.modelcontextprotocol.spec.HttpHeaders;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Watches the connections that carry SSE streams. A dropped connection shows only when something is written
 * to it, and a call may print nothing for minutes, so each open stream gets an SSE comment line every
 * {@link #HEARTBEAT}: clients ignore comments, and the second write to a closed connection fails. When the
 * connection of a request's stream is found gone, the request's call is cancelled at once (its processes
 * killed, its shell free for the next call); a lost GET stream is ended so the session can take a new one.
 * A GET stream also has its headers sent at once, so the client knows the stream is open before the first
 * event.
 */
final class ConnectionWatchFilter extends HttpFilter {

    static final Duration HEARTBEAT = Duration.ofMillis(500);
    /** An SSE comment: a line starting with a colon, which every SSE parser skips. */
    private static final String COMMENT_LINE = ":\n";

    private final McpSessions sessions;

    ConnectionWatchFilter(McpSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        boolean get = "GET".equals(request.getMethod());
        if (!get && !"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        String sessionId = request.getHeader(HttpHeaders.MCP_SESSION_ID);
        Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE);
        Runnable lost = get || sessionId == null || requestId == null
                ? () -> {}
                : () -> sessions.connectionLost(sessionId, (String) requestId);
        Watch watch = new Watch(request, response, lost);
        Thread.ofVirtual().name("mcp-heartbeat").start(watch::beat);
        try {
            chain.doFilter(watch.request, watch.response);
        } finally {
            // A request's stream ends when its answer is sent, which the SDK waits for before returning here.
            if (!get || !request.isAsyncStarted()) watch.finish();
        }
        if (get && request.isAsyncStarted() && response.getStatus() == HttpServletResponse.SC_OK) {
            watch.sendHeaders();
        }
    }

    /** One request's response: its writer, shared with the SDK, and whether its stream is over. */
    private static final class Watch implements AsyncListener {
        final HttpServletResponse originalResponse;
        final HttpServletRequest request;
        final HttpServletResponse response;
        /** The SDK's writes and the heartbeat's take turns on this lock, a whole line at a time. */
        private final Object lock = new Object();
        private final Runnable lost;
        private PrintWriter writer;
        private boolean finished;
        private boolean gone;
        private AsyncContext async;

        Watch(HttpServletRequest original, HttpServletResponse originalResponse, Runnable lost) {
            this.lost = lost;
            this.originalResponse = originalResponse;
            this.request = new HttpServletRequestWrapper(original) {
                @Override
                public AsyncContext startAsync() {
                    return watched(super.startAsync());
                }

                @Override
                public AsyncContext startAsync(ServletRequest req, ServletResponse res) {
                    return watched(super.startAsync(req, res));
                }
            };
            this.response = new HttpServletResponseWrapper(originalResponse) {
                @Override
                public PrintWriter getWriter() throws IOException {
                    synchronized (lock) {
                        if (writer == null) writer = new WatchedWriter(super.getWriter(), Watch.this);
                        return writer;
                    }
                }
            };
        }

        private AsyncContext watched(AsyncContext context) {
            context.addListener(this);
            synchronized (lock) {
                async = context;
            }
            return context;
        }

        /** Writes a comment line every beat while the stream is open, until it ends or its connection is found gone. */
        void beat() {
            try {
                while (true) {
                    Thread.sleep(HEARTBEAT);
                    synchronized (lock) {
                        if (finished || gone) return;
                        if (async == null || writer == null || !isEventStream()) continue;
                        writer.write(COMMENT_LINE);
                        if (!writer.checkError()) continue;
                    }
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * A write to the connection failed (the heartbeat's or the SDK's): the client is gone. Its call is
         * cancelled, and the stream is ended so the SDK lets go of it.
         */
        void connectionGone() {
            AsyncContext context;
            synchronized (lock) {
                if (gone || finished) return;
                gone = true;
                context = async;
            }
            Thread.ofVirtual().name("mcp-connection-lost").start(() -> {
                lost.run();
                try {
                    if (context != null) context.complete();
                } catch (IllegalStateException e) {
                    // the SDK completed it already
                }
            });
        }

        private boolean isEventStream() {
            String type = originalResponse.getContentType();
            return type != null && type.startsWith("text/event-stream");
        }

        void sendHeaders() throws IOException {
            synchronized (lock) {
                if (!finished) originalResponse.flushBuffer();
            }
        }

        void finish() {
            synchronized (lock) {
                finished = true;
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            finish();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            finish();
        }

        @Override
        public void onError(AsyncEvent event) {
            finish();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {}
    }

    /** The response's writer: every write and flush is taken under the watch's lock, and a failure tells the watch. */
    private static final class WatchedWriter extends PrintWriter {
        private final Watch watch;

        WatchedWriter(PrintWriter out, Watch watch) {
            super(out);
            this.lock = watch.lock;
            this.watch = watch;
        }

        @Override
        public boolean checkError() {
            boolean failed = super.checkError();
            if (failed) watch.connectionGone();
            return failed;
        }
    }
}

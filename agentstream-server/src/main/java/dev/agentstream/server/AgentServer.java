package dev.agentstream.server;

import dev.agentstream.agent.session.TranscriptStore;
import dev.agentstream.mcp.HttpAccess;
import dev.agentstream.tools.computer.DisplayAccess;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code agentstream serve}: one page, its API and {@code /metrics} on Jetty. Every request needs the
 * token and passes the {@code Host}/{@code Origin} checks ({@link AccessFilter}); nothing else is served.
 */
public final class AgentServer implements AutoCloseable {

    private final Server jetty;
    private final ServerConnector connector;
    private final HttpAccess access;
    private final LiveSessions sessions;
    private final ServeMetrics metrics;
    private final Optional<LiveDesktop> desktop;

    private AgentServer(HttpAccess access, TranscriptStore store, LoopFactory factory, Optional<DisplayAccess> display) throws Exception {
        this.access = access;
        this.desktop = display.map(LiveDesktop::new);
        LiveSessions[] holder = new LiveSessions[1];
        this.metrics = new ServeMetrics(() -> holder[0].openCount(), () -> holder[0].runningCount());
        this.sessions = new LiveSessions(store, factory, metrics);
        holder[0] = sessions;

        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("agentstream-serve-http");
        // Each open page holds a request thread for its event stream: virtual threads make that cheap.
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        this.jetty = new Server(threads);
        this.connector = new ServerConnector(jetty);
        connector.setHost(access.host());
        connector.setPort(access.port());
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(new FilterHolder(new AccessFilter(access)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder("page", new PageServlet()), "/");
        context.addServlet(new ServletHolder("api", new ApiServlet(sessions, metrics, desktop)), "/api/*");
        context.addServlet(new ServletHolder("metrics", new MetricsServlet(metrics)), "/metrics");
        jetty.setHandler(context);
        jetty.start();
    }

    /**
     * Starts serving as {@code access} says (which must hold a token); sessions are saved in {@code store}
     * and their loops made by {@code factory}.
     *
     * @throws java.io.IOException when the port cannot be bound
     */
    public static AgentServer start(HttpAccess access, TranscriptStore store, LoopFactory factory) throws Exception {
        return new AgentServer(access, store, factory, Optional.empty());
    }

    /** {@link #start(HttpAccess, TranscriptStore, LoopFactory)} with the live desktop of {@code display} (the computer tool's). */
    public static AgentServer start(HttpAccess access, TranscriptStore store, LoopFactory factory, DisplayAccess display) throws Exception {
        return new AgentServer(access, store, factory, Optional.of(display));
    }

    /** The URL to open, token included: {@code http://127.0.0.1:PORT/?token=…} (loopback when bound to every interface). */
    public URI pageUrl() {
        return URI.create(baseUrl() + "/?token=" + access.token().orElseThrow().value());
    }

    /** {@code http://HOST:PORT}, without the token. */
    public String baseUrl() {
        String host = access.isWildcard() ? "127.0.0.1" : access.host();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + connector.getLocalPort();
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    /** Stops every session (their tools and processes end) and the server. */
    @Override
    public void close() {
        sessions.close();
        desktop.ifPresent(LiveDesktop::close);
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("The HTTP server did not stop: " + e.getMessage(), e);
        }
    }

    /** {@code GET /metrics}: Prometheus text. */
    private static final class MetricsServlet extends HttpServlet {
        private final ServeMetrics metrics;

        MetricsServlet(ServeMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain; version=0.0.4");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(metrics.scrape());
        }
    }
}

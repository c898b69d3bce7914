package dev.agentstream.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Executors;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * An MCP server over Streamable HTTP at {@code http://HOST:PORT/mcp}, any number of clients, each MCP
 * session with its own shell. Requests whose {@code Origin} is not a loopback page are refused (a web page
 * elsewhere must not drive a local shell), and so, while bound to loopback, are requests whose
 * {@code Host} is not a loopback name (DNS rebinding).
 */
public final class HttpMcpServer implements AutoCloseable {

    public static final String ENDPOINT = "/mcp";
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
    private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "[::1]");

    private final McpSessions sessions = new McpSessions();
    private final Scheduler callThreads = Schedulers.fromExecutorService(Executors.newVirtualThreadPerTaskExecutor(), "agentstream-mcp-calls");
    private final McpAsyncServer server;
    private final Server jetty;
    private final ServerConnector connector;

    private HttpMcpServer(McpOptions options, String host, int port) throws Exception {
        McpJsonMapper mapper = McpJson.mapper();
        HttpServletStreamableServerTransportProvider servlet = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(mapper)
                .mcpEndpoint(ENDPOINT)
                .contextExtractor(RequestIdFilter.contextExtractor())
                .httpHeaderValidator(headerValidator(host))
                .build();
        this.server = ServerAssembly.build(McpServer.async(new TrackingStreamableProvider(servlet, sessions)), options, sessions, mapper, callThreads);

        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("agentstream-mcp-http");
        // The SDK's servlet blocks a request thread for as long as its tool runs: virtual threads make that cheap.
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        this.jetty = new Server(threads);
        this.connector = new ServerConnector(jetty);
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder mcp = new ServletHolder("mcp", servlet);
        mcp.setAsyncSupported(true);
        context.addServlet(mcp, ENDPOINT);
        FilterHolder requestIds = new FilterHolder(new RequestIdFilter());
        requestIds.setAsyncSupported(true);
        context.addFilter(requestIds, ENDPOINT, EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);
        jetty.start();
    }

    /**
     * Starts serving on {@code host}:{@code port} ({@code port} 0 picks a free one; see {@link #endpoint()}).
     *
     * @throws java.io.IOException when the port cannot be bound
     */
    public static HttpMcpServer start(McpOptions options, String host, int port) throws Exception {
        return new HttpMcpServer(options, host, port);
    }

    /** Where clients connect, e.g. {@code http://127.0.0.1:8931/mcp}. */
    public URI endpoint() {
        String host = connector.getHost();
        if (host == null || host.equals("0.0.0.0")) host = "127.0.0.1";
        if (host.contains(":") && !host.startsWith("[")) host = "[" + host + "]";
        return URI.create("http://" + host + ":" + connector.getLocalPort() + ENDPOINT);
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    @Override
    public void close() {
        try {
            server.closeGracefully().block(CLOSE_GRACE);
        } catch (RuntimeException e) {
            server.close();
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("The HTTP server did not stop: " + e.getMessage(), e);
        } finally {
            sessions.close();
            callThreads.dispose();
        }
    }

    private static DefaultServerTransportSecurityValidator headerValidator(String host) {
        List<String> origins = new ArrayList<>();
        for (String name : LOOPBACK_NAMES) {
            for (String scheme : List.of("http://", "https://")) {
                origins.add(scheme + name);
                origins.add(scheme + name + ":*");
            }
        }
        DefaultServerTransportSecurityValidator.Builder validator = DefaultServerTransportSecurityValidator.builder().allowedOrigins(origins);
        if (isLoopback(host)) {
            List<String> hosts = new ArrayList<>();
            for (String name : LOOPBACK_NAMES) {
                hosts.add(name);
                hosts.add(name + ":*");
            }
            validator.allowedHosts(hosts);
        }
        return validator.build();
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

package dev.agentstream.mcp;

import dev.agentstream.core.StartupTrace;
import dev.agentstream.core.ToolRuntime;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.modern.server.transport.HttpServletMcpTransport;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * An MCP server over Streamable HTTP at {@code http://HOST:PORT/mcp}, any number of clients, each MCP
 * session with its own shell. Requests whose {@code Origin} is not a loopback page are refused (a web page
 * elsewhere must not drive a local shell), and so are requests whose {@code Host} is not a name the
 * {@link HttpAccess} allows (DNS rebinding). With a token, every request must carry it
 * ({@link BearerTokenFilter}); off loopback {@link HttpAccess} insists on one.
 */
public final class HttpMcpServer implements AutoCloseable {

    public static final String ENDPOINT = "/mcp";
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private static final Duration CONNECTION_IDLE = Duration.ofMinutes(5);
    private static final Duration MODERN_HEARTBEAT = Duration.ofSeconds(1);

    private final McpSessions sessions;
    private final Scheduler callThreads = Schedulers.fromExecutorService(Executors.newVirtualThreadPerTaskExecutor(), "agentstream-mcp-calls");
    private final McpAsyncServer server;
    private final HttpServletMcpTransport modern;
    private final Server jetty;
    private final ServerConnector connector;
    private final HttpAccess access;

    private HttpMcpServer(McpOptions options, HttpAccess access, Duration sessionIdle) throws Exception {
        this.access = access;
        StartupTrace.mark("http: server begins");
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.sessions = new McpSessions(new ToolRuntime(options.registry(), options.runtime()), sessionIdle,
                Optional.of(new ToolMetrics(metrics)), options.exposedNames());
        Gauge.builder("agentstream.sessions.open", sessions::openCount).description("MCP sessions open in this server").register(metrics);
        McpJsonMapper mapper = McpJson.mapper();
        HttpServletStreamableServerTransportProvider servlet = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(mapper)
                .mcpEndpoint(ENDPOINT)
                .contextExtractor(RequestIdFilter.contextExtractor())
                .httpHeaderValidator(headerValidator(access))
                .sessionSweepInterval(sweepInterval(sessionIdle))
                .build();
        StartupTrace.mark("http: servlet built");
        this.server = ServerAssembly.build(McpServer.async(new TrackingStreamableProvider(servlet, sessions, mapper)), options, sessions, mapper, callThreads);

        this.modern = HttpServletMcpTransport.builder(ModernAssembly.build(options, sessions, mapper, callThreads,
                        servlet.protocolVersions(), ModernAssembly.SessionScope.perCall(sessions)))
                .jsonMapper(mapper)
                .endpoint(ENDPOINT)
                .httpHeaderValidator(headerValidator(access))
                // A modern client cancels a call by closing its response: a heartbeat that fails to write notices it.
                .keepAliveInterval(MODERN_HEARTBEAT)
                .build();
        StartupTrace.mark("http: sdk server assembled");
        JettyMemoryHint.apply();
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("agentstream-mcp-http");
        // The SDK's servlet blocks a request thread for as long as its tool runs: virtual threads make that cheap.
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        this.jetty = new Server(threads);
        this.connector = access.tls().isPresent() ? tlsConnector(jetty, access.tls().get()) : new ServerConnector(jetty);
        connector.setHost(access.host());
        connector.setPort(access.port());
        // Jetty's default (30 s) closes a connection whose request has had no answer started yet for that long;
        // under hundreds of sessions starting shells at once a call's stream can open later than that. Open
        // streams are watched by their heartbeat (ConnectionWatchFilter), so this only bounds silent sockets.
        connector.setIdleTimeout(CONNECTION_IDLE.toMillis());
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder mcp = new ServletHolder("mcp", servlet);
        mcp.setAsyncSupported(true);
        context.addServlet(mcp, ENDPOINT);
        context.addServlet(new ServletHolder("metrics", new MetricsServlet(metrics, headerValidator(access))), MetricsServlet.PATH);
        access.token().ifPresent(token -> {
            // Before everything else: a request without the token learns nothing, not even whether a session exists.
            FilterHolder bearer = new FilterHolder(new BearerTokenFilter(token));
            bearer.setAsyncSupported(true);
            context.addFilter(bearer, "/*", EnumSet.of(DispatcherType.REQUEST));
        });
        // Before the legacy filters: a request of revision 2026-07-28 has no session for them to look at.
        addFilter(context, new ModernRouteFilter(modern));
        addFilter(context, new RequestIdFilter());
        List<String> versions = new ArrayList<>(servlet.protocolVersions());
        versions.add(ModernAssembly.VERSION); // named to a client refused for another version (the router took this one)
        addFilter(context, new ProtocolVersionFilter(versions));
        addFilter(context, new ConnectionWatchFilter(sessions));
        addFilter(context, new ResumptionFilter(sessions));
        addFilter(context, new JsonRpcErrorFilter());
        jetty.setHandler(context);
        jetty.start();
        StartupTrace.mark("http: jetty started");
    }

    private static void addFilter(ServletContextHandler context, jakarta.servlet.Filter filter) {
        FilterHolder holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        context.addFilter(holder, ENDPOINT, EnumSet.of(DispatcherType.REQUEST));
    }

    /** The SDK's sweep asks each session without a stream whether it expired: often enough to end it soon after. */
    static Duration sweepInterval(Duration sessionIdle) {
        Duration quarter = sessionIdle.dividedBy(4);
        if (quarter.compareTo(Duration.ofMillis(100)) < 0) return Duration.ofMillis(100);
        return quarter.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : quarter;
    }

    /**
     * Starts serving on {@code host}:{@code port} ({@code port} 0 picks a free one; see {@link #endpoint()}).
     *
     * @throws java.io.IOException when the port cannot be bound
     */
    public static HttpMcpServer start(McpOptions options, String host, int port) throws Exception {
        return start(options, HttpAccess.loopback(host, port));
    }

    /**
     * Starts serving as {@code access} says.
     *
     * @throws java.io.IOException when the port cannot be bound
     */
    public static HttpMcpServer start(McpOptions options, HttpAccess access) throws Exception {
        return start(options, access, McpSessions.DEFAULT_IDLE_LIMIT);
    }

    /**
     * Starts serving as {@code access} says; a session that runs no call and sends nothing for
     * {@code sessionIdle} ends, and its shell with it.
     *
     * @throws java.io.IOException when the port cannot be bound
     */
    public static HttpMcpServer start(McpOptions options, HttpAccess access, Duration sessionIdle) throws Exception {
        if (sessionIdle.isNegative() || sessionIdle.isZero()) {
            throw new IllegalArgumentException("The session idle time must be positive, e.g. 30m or 90s.");
        }
        return new HttpMcpServer(options, access, sessionIdle);
    }

    /** The MCP sessions alive now (their ids). */
    public List<String> sessionIds() {
        return sessions.ids();
    }

    /** Where a client on this machine connects, e.g. {@code http://127.0.0.1:8931/mcp} (loopback when bound to every interface). */
    public URI endpoint() {
        InetAddress bound = boundAddress().getAddress();
        String host = bound.isAnyLocalAddress() ? "127.0.0.1" : bound.getHostAddress();
        return url(host);
    }

    /** The addresses clients may connect to: the bound one, or every interface's when bound to all of them. */
    public List<URI> endpoints() {
        InetAddress bound = boundAddress().getAddress();
        if (!bound.isAnyLocalAddress()) return List.of(url(bound.getHostAddress()));
        List<URI> urls = new ArrayList<>();
        for (InetAddress address : HttpAccess.interfaceAddresses()) {
            // An IPv4 wildcard socket takes no IPv6 connections.
            if (bound instanceof Inet6Address || address instanceof Inet4Address) urls.add(url(address.getHostAddress()));
        }
        return urls;
    }

    /** The address and port the socket is really bound to ({@code 0.0.0.0} or {@code ::} for every interface). */
    public InetSocketAddress boundAddress() {
        try {
            return (InetSocketAddress) ((ServerSocketChannel) connector.getTransport()).getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("The server's socket is closed: " + e.getMessage(), e);
        }
    }

    public HttpAccess access() {
        return access;
    }

    private URI url(String host) {
        return URI.create(access.scheme() + "://" + HttpAccess.hostLiteral(host) + ":" + connector.getLocalPort() + ENDPOINT);
    }

    private static ServerConnector tlsConnector(Server jetty, HttpAccess.Tls tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(tls.keyStore());
        ssl.setKeyStorePassword(tls.keyStorePassword());
        HttpConfiguration https = new HttpConfiguration();
        // Clients reach the server by IP address as often as by name: the Host check (above) judges names, not SNI.
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        return new ServerConnector(jetty, ssl, new HttpConnectionFactory(https));
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    @Override
    public void close() {
        modern.closeGracefully();
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

    /** The {@code Origin} (loopback pages only) and {@code Host} ({@link HttpAccess}'s names) checks, for any HTTP front door. */
    public static DefaultServerTransportSecurityValidator headerValidator(HttpAccess access) {
        List<String> origins = new ArrayList<>();
        for (String name : HttpAccess.LOOPBACK_NAMES) {
            for (String scheme : List.of("http://", "https://")) {
                origins.add(scheme + name);
                origins.add(scheme + name + ":*");
            }
        }
        return DefaultServerTransportSecurityValidator.builder().allowedOrigins(origins).allowedHosts(access.hostHeaderPatterns()).build();
    }

    /** A request's {@code Origin} and {@code Host} headers, as {@link #headerValidator} checks them. */
    public static Map<String, List<String>> originAndHost(HttpServletRequest request) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String name : List.of("Origin", "Host")) {
            List<String> values = Collections.list(request.getHeaders(name));
            if (!values.isEmpty()) map.put(name, values);
        }
        return map;
    }
}

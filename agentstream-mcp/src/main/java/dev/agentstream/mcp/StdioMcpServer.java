package dev.agentstream.mcp;

import dev.agentstream.core.ToolRuntime;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.modern.server.transport.StdioMcpTransport;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * An MCP server on a pair of streams (the process's stdin and stdout): one client, one shell. It serves until the
 * client closes its end of the input. The connection's first message settles its protocol era: a
 * {@code server/discover} (or another request of revision 2026-07-28) gets the SDK's modern server
 * ({@link ModernAssembly}), anything else the legacy one with its {@code initialize} handshake and MCP session.
 */
public final class StdioMcpServer implements AutoCloseable {

    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
    /** The runtime session of a modern connection's calls (the legacy server names its session itself). */
    private static final String MODERN_SESSION = "stdio";

    private final McpSessions sessions;
    private final CountDownLatch clientGone = new CountDownLatch(1);
    private final Scheduler callThreads = Schedulers.fromExecutorService(Executors.newVirtualThreadPerTaskExecutor(), "agentstream-mcp-calls");
    private final Runnable stopServing;

    private StdioMcpServer(McpOptions options, InputStream in, OutputStream out, EarlyInitialize early) {
        this.sessions = new McpSessions(new ToolRuntime(options.registry(), options.runtime()));
        McpJsonMapper mapper = McpJson.mapper();
        this.stopServing = early != null && early.modernEra() ? serveModern(options, in, out, mapper) : serveLegacy(options, in, out, early, mapper);
    }

    private Runnable serveLegacy(McpOptions options, InputStream in, OutputStream out, EarlyInitialize early, McpJsonMapper mapper) {
        SessionListener listener = new SessionListener() {
            @Override
            public void cancelled(String sessionId, String requestId) {
                sessions.cancelled(sessionId, requestId);
            }

            @Override
            public void ended(String sessionId) {
                sessions.ended(sessionId);
                clientGone.countDown();
            }
        };
        TrackingStdioProvider transport = new TrackingStdioProvider(new StdioServerTransportProvider(mapper, in, out), listener,
                sessions::cancelledByClient, early == null ? sdk -> sdk : sdk -> new EarlyAnswerFilter(sdk, early, mapper));
        McpAsyncServer server = ServerAssembly.build(McpServer.async(transport), options, sessions, mapper, callThreads);
        return () -> {
            try {
                server.closeGracefully().block(CLOSE_GRACE);
            } catch (RuntimeException e) {
                server.close();
            }
        };
    }

    private Runnable serveModern(McpOptions options, InputStream in, OutputStream out, McpJsonMapper mapper) {
        var server = ModernAssembly.build(options, sessions, mapper, callThreads, EarlyInitialize.legacyVersions(),
                ModernAssembly.SessionScope.shared(MODERN_SESSION));
        StdioMcpTransport transport = new StdioMcpTransport(new SettledEraRequests(server), mapper, in, out);
        // The transport completes at the input's end, having cancelled what still ran.
        transport.start().doFinally(signal -> {
            sessions.ended(MODERN_SESSION);
            clientGone.countDown();
        }).subscribe();
        return () -> transport.closeGracefully().block(CLOSE_GRACE);
    }

    /** Starts serving: reading {@code in} begins at once. {@code out} must carry nothing but protocol messages. */
    public static StdioMcpServer start(McpOptions options, InputStream in, OutputStream out) {
        return new StdioMcpServer(options, in, out, null);
    }

    /**
     * Starts serving the input {@code early} has begun to read: what it answered already is not answered again, and
     * an {@code initialize} it still waits to answer is answered from {@code options} now. {@code out} must be the
     * stream {@code early} writes to. Waits for the client's first message, which says which server to start.
     */
    public static StdioMcpServer start(McpOptions options, EarlyInitialize early, OutputStream out) {
        early.serverStarting(options);
        return new StdioMcpServer(options, early.input(), out, early);
    }

    /** Blocks until the client has closed the input (or the session ended otherwise). */
    public void awaitClientGone() throws InterruptedException {
        clientGone.await();
    }

    @Override
    public void close() {
        try {
            stopServing.run();
        } catch (RuntimeException e) {
            // stopping is best effort: the sessions below are closed either way
        } finally {
            sessions.close();
            callThreads.dispose();
        }
    }
}

package dev.agentstream.mcp;

import dev.agentstream.core.ToolRuntime;
import io.modelcontextprotocol.json.McpJsonMapper;
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
 * An MCP server on a pair of streams (the process's stdin and stdout): one client, one MCP session, one
 * shell. It serves until the client closes its end of the input.
 */
public final class StdioMcpServer implements AutoCloseable {

    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final McpSessions sessions;
    private final CountDownLatch clientGone = new CountDownLatch(1);
    private final Scheduler callThreads = Schedulers.fromExecutorService(Executors.newVirtualThreadPerTaskExecutor(), "agentstream-mcp-calls");
    private final McpAsyncServer server;

    private StdioMcpServer(McpOptions options, InputStream in, OutputStream out, EarlyInitialize early) {
        this.sessions = new McpSessions(new ToolRuntime(options.registry(), options.runtime()));
        McpJsonMapper mapper = McpJson.mapper();
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
        this.server = ServerAssembly.build(McpServer.async(transport), options, sessions, mapper, callThreads);
    }

    /** Starts serving: reading {@code in} begins at once. {@code out} must carry nothing but protocol messages. */
    public static StdioMcpServer start(McpOptions options, InputStream in, OutputStream out) {
        return new StdioMcpServer(options, in, out, null);
    }

    /**
     * Starts serving the input {@code early} has begun to read: what it answered already is not answered again, and
     * an {@code initialize} it still waits to answer is answered from {@code options} now. {@code out} must be the
     * stream {@code early} writes to.
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
            server.closeGracefully().block(CLOSE_GRACE);
        } catch (RuntimeException e) {
            server.close();
        } finally {
            sessions.close();
            callThreads.dispose();
        }
    }
}

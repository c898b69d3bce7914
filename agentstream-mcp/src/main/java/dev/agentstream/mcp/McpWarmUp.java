package dev.agentstream.mcp;

import dev.agentstream.core.StartupTrace;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Readies, on a second core, what a server's first answer needs while the main thread still reads the command
 * line and builds the tools: the logging set-up, the fast path that answers {@code initialize}, and Jackson's
 * (de)serializers for {@code tools/list}. A client's {@code initialize} then meets warm code instead of paying
 * for it. Only shared, stateless things are touched; if any of it fails, the server simply does the same work itself.
 */
public final class McpWarmUp {

    private static final String SAMPLE_INITIALIZE = """
            {"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},\
            "clientInfo":{"name":"warm-up","version":"0"}}}""";
    private static final String SAMPLE_SCHEMA = """
            {"type":"object","properties":{"command":{"type":"string","description":"warm-up"}},"required":["command"],\
            "additionalProperties":false}""";

    /**
     * Open once logging is set up, or if the warm-up never started. SLF4J hands a thread that logs while another
     * sets it up a stand-in, and prints a warning to stderr when it replays what was logged there.
     */
    private static final CountDownLatch LOGGING_READY = new CountDownLatch(1);
    private static volatile boolean started;
    /** Longer than setting up logging ever takes; past it, a caller goes on (and SLF4J at worst warns). */
    private static final long LOGGING_WAIT_SECONDS = 10;

    private McpWarmUp() {}

    /** Starts the warm-up on a daemon thread and returns at once. */
    public static void startInBackground() {
        started = true;
        Thread.ofPlatform().daemon().name("mcp-warm-up").start(McpWarmUp::run);
    }

    /**
     * Returns once the warm-up has set up logging (at once when no warm-up was started): for a thread that would
     * otherwise touch code that logs, such as Jetty's, while logging is being set up.
     */
    public static void awaitLogging() {
        if (!started) return;
        try {
            LOGGING_READY.await(LOGGING_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run() {
        StartupTrace.mark("warm-up begins");
        try {
            LoggerFactory.getLogger(McpWarmUp.class);
        } finally {
            LOGGING_READY.countDown();
        }
        StartupTrace.mark("logging ready");
        try {
            // First what answers initialize (the fast path, Jackson's streaming classes), then Jackson's data
            // binding for what a client asks next (tools/list), which the fast path leaves to it.
            McpSchema.JSONRPCResponse answer = answer(McpJson.mapper(), SAMPLE_INITIALIZE);
            StartupTrace.mark("initialize path ready");
            McpJsonMapper jackson = McpJson.jackson();
            answer(jackson, SAMPLE_INITIALIZE);
            McpSchema.Tool tool = McpSchema.Tool.builder().name("warm-up").title("Warm-up").description("warm-up")
                    .inputSchema(jackson, SAMPLE_SCHEMA).annotations(new McpSchema.ToolAnnotations("Warm-up", true, false, true, false, null))
                    .build();
            jackson.writeValueAsString(new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, answer.id(),
                    new McpSchema.ListToolsResult(List.of(tool), null), null));
            StartupTrace.mark("warm-up done");
        } catch (IOException | RuntimeException e) {
            // Nothing depends on it: the first real request pays for what was not readied here.
        }
    }

    /** Reads {@code request} and writes an answer to it as the server does, through {@code mapper}. */
    private static McpSchema.JSONRPCResponse answer(McpJsonMapper mapper, String request) throws IOException {
        var message = (McpSchema.JSONRPCRequest) McpSchema.deserializeJsonRpcMessage(mapper, request);
        McpSchema.InitializeRequest initialize = mapper.convertValue(message.params(), new TypeRef<>() {});
        var result = new McpSchema.InitializeResult(initialize.protocolVersion(),
                McpSchema.ServerCapabilities.builder().tools(false).logging().build(),
                new McpSchema.Implementation(ServerAssembly.SERVER_NAME, "warm-up"), "");
        var response = new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, message.id(), result, null);
        mapper.writeValueAsString(response);
        return response;
    }
}

package dev.agentstream.mcp;

import dev.agentstream.core.StartupTrace;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import org.slf4j.LoggerFactory;

/**
 * Readies, on a second core, what a server's first answer needs while the main thread still reads the command
 * line and builds the tools: the logging set-up, the JSON mapper the servers share and its (de)serializers
 * for {@code initialize}. A client's {@code initialize} then meets warm code instead of paying for it. Only
 * shared, stateless things are touched; if any of it fails, the server simply does the same work itself.
 */
public final class McpWarmUp {

    private static final String SAMPLE_INITIALIZE = """
            {"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},\
            "clientInfo":{"name":"warm-up","version":"0"}}}""";

    private McpWarmUp() {}

    /** Starts the warm-up on a daemon thread and returns at once. */
    public static void startInBackground() {
        Thread.ofPlatform().daemon().name("mcp-warm-up").start(McpWarmUp::run);
    }

    private static void run() {
        StartupTrace.mark("warm-up begins");
        LoggerFactory.getLogger(McpWarmUp.class);
        StartupTrace.mark("logging ready");
        try {
            var mapper = McpJson.mapper();
            var request = (McpSchema.JSONRPCRequest) McpSchema.deserializeJsonRpcMessage(mapper, SAMPLE_INITIALIZE);
            var initialize = mapper.convertValue(request.params(), McpSchema.InitializeRequest.class);
            var result = new McpSchema.InitializeResult(initialize.protocolVersion(),
                    McpSchema.ServerCapabilities.builder().tools(false).logging().build(),
                    new McpSchema.Implementation(ServerAssembly.SERVER_NAME, "warm-up"), "");
            mapper.writeValueAsString(new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, request.id(), result, null));
            StartupTrace.mark("warm-up done");
        } catch (IOException | RuntimeException e) {
            // Nothing depends on it: the first real request pays for what was not readied here.
        }
    }
}

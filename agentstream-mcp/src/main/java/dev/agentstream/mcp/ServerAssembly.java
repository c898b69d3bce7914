package dev.agentstream.mcp;

import dev.agentstream.core.Tool;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** The part of an agentstream MCP server that does not depend on the transport: its name, its tools, how calls run. */
final class ServerAssembly {

    static final String SERVER_NAME = "agentstream";

    private static final String INSTRUCTIONS = """
            agentstream runs tools that stream: a long command reports progress while it runs, and \
            cancelling a request stops its work (processes are killed). The bash tool keeps one shell per \
            session, so cd and variables persist between calls.""";

    private ServerAssembly() {}

    /** What the server offers a client: tools (a fixed list) and log messages. */
    static McpSchema.ServerCapabilities capabilities() {
        return McpSchema.ServerCapabilities.builder().tools(false).logging().build();
    }

    /** What the server tells clients about itself, with {@code notes} (see {@link McpOptions#notes()}) added. */
    static String instructions(String notes) {
        return McpOptions.instructions(INSTRUCTIONS, notes);
    }

    /**
     * Finishes {@code spec} into a server. Tool calls block while their tool runs, so each runs on
     * {@code callThreads} (virtual threads), never on the SDK's own threads.
     */
    static McpAsyncServer build(McpServer.AsyncSpecification<?> spec, McpOptions options, McpSessions sessions,
                                McpJsonMapper mapper, Scheduler callThreads) {
        ToolCallHandler handler = new ToolCallHandler(options, sessions);
        List<McpServerFeatures.AsyncToolSpecification> tools = options.exposed().stream()
                .map(tool -> toolSpecification(tool, mapper, handler, callThreads))
                .toList();
        return spec.serverInfo(SERVER_NAME, options.version())
                .instructions(instructions(options.notes()))
                .jsonMapper(mapper)
                .jsonSchemaValidator(new NoSchemaValidation())
                .capabilities(capabilities())
                // The tools check their own input and say what to fix; a second, generic check would only differ.
                .validateToolInputs(false)
                .tools(tools)
                .build();
    }

    private static McpServerFeatures.AsyncToolSpecification toolSpecification(Tool tool, McpJsonMapper mapper,
                                                                              ToolCallHandler handler, Scheduler callThreads) {
        return McpServerFeatures.AsyncToolSpecification.builder()
                .tool(ToolListing.of(tool.spec(), mapper))
                .callHandler((exchange, request) -> Mono.fromCallable(() -> handler.call(exchange, request)).subscribeOn(callThreads))
                .build();
    }
}

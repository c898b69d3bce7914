package dev.agentstream.mcp;

import dev.agentstream.core.ToolRegistry;
import dev.agentstream.tools.bash.BashTool;
import dev.agentstream.tools.edit.EditTool;
import dev.agentstream.tools.find.FindTool;
import dev.agentstream.tools.tree.TreeTool;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * An MCP server with bash and the test image tool in its own JVM: on stdio, or with {@code --http} on a
 * free loopback port, announced on stdout as {@code MCP_ENDPOINT=URL}. {@code --all-tools} adds the
 * editor, find and tree; {@code --session-idle=SECONDS} sets the HTTP sessions' idle limit.
 */
public final class TestServerMain {

    static final String ENDPOINT_LINE = "MCP_ENDPOINT=";
    static final String IDLE_OPTION = "--session-idle=";

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        ToolRegistry registry = new ToolRegistry().register(new BashTool());
        if (options.contains("--all-tools")) registry.register(new EditTool()).register(new FindTool()).register(new TreeTool());
        registry.register(new ImageTestTool());
        if (options.contains("--http")) {
            Duration idle = options.stream().filter(o -> o.startsWith(IDLE_OPTION))
                    .map(o -> Duration.ofMillis((long) (Double.parseDouble(o.substring(IDLE_OPTION.length())) * 1000)))
                    .findFirst().orElse(McpSessions.DEFAULT_IDLE_LIMIT);
            HttpMcpServer server = HttpMcpServer.start(McpOptions.of(registry), HttpAccess.loopback("127.0.0.1", 0), idle);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            System.out.println(ENDPOINT_LINE + server.endpoint());
            server.join();
            return;
        }
        // As agentstream mcp does: the client's first lines are read, and initialize answered, as the server starts.
        EarlyInitialize.startOnStdio();
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        System.setOut(System.err);
        try (StdioMcpServer server = StdioMcpServer.start(McpOptions.of(registry), EarlyInitialize.onStdio().orElseThrow(), protocol)) {
            server.awaitClientGone();
        }
        System.exit(0);
    }
}

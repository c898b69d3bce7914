package dev.agentstream.mcp;

import dev.agentstream.core.ToolRegistry;
import dev.agentstream.tools.bash.BashTool;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;

/**
 * An MCP server with bash and the test image tool in its own JVM: on stdio, or with {@code --http} on a
 * free loopback port, announced on stdout as {@code MCP_ENDPOINT=URL}.
 */
public final class TestServerMain {

    static final String ENDPOINT_LINE = "MCP_ENDPOINT=";

    public static void main(String[] args) throws Exception {
        ToolRegistry registry = new ToolRegistry().register(new BashTool()).register(new ImageTestTool());
        if (args.length > 0 && args[0].equals("--http")) {
            HttpMcpServer server = HttpMcpServer.start(McpOptions.of(registry), "127.0.0.1", 0);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            System.out.println(ENDPOINT_LINE + server.endpoint());
            server.join();
            return;
        }
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        System.setOut(System.err);
        try (StdioMcpServer server = StdioMcpServer.start(McpOptions.of(registry), System.in, protocol)) {
            server.awaitClientGone();
        }
        System.exit(0);
    }
}

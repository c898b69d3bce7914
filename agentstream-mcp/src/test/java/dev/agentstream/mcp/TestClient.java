package dev.agentstream.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** The MCP Java SDK's own client, recording when each progress notification and each result arrived. */
final class TestClient implements AutoCloseable {

    record Received<T>(long nanos, T value) {}

    final RecordingTransport transport;
    final McpSyncClient client;
    final List<Received<McpSchema.ProgressNotification>> progress = new CopyOnWriteArrayList<>();
    final List<Received<McpSchema.LoggingMessageNotification>> logs = new CopyOnWriteArrayList<>();

    private TestClient(McpClientTransport transport) {
        this.transport = new RecordingTransport(transport);
        this.client = McpClient.sync(this.transport)
                .requestTimeout(Duration.ofSeconds(60))
                .progressConsumer(n -> progress.add(new Received<>(System.nanoTime(), n)))
                .loggingConsumer(n -> logs.add(new Received<>(System.nanoTime(), n)))
                .build();
    }

    static TestClient http(URI endpoint) {
        String base = endpoint.getScheme() + "://" + endpoint.getAuthority();
        return new TestClient(HttpClientStreamableHttpTransport.builder(base).endpoint(endpoint.getPath()).build());
    }

    /** Spawns {@code mainClass} in a JVM on this test's class path, speaking MCP on its stdin and stdout. */
    static TestClient stdio(String mainClass, String... args) {
        ServerParameters.Builder params = ServerParameters.builder(ProcessHandle.current().info().command().orElse("java"))
                .args("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), mainClass)
                .addEnvVar("AGENTSTREAM_LOG", Path.of(System.getProperty("java.io.tmpdir"), "agentstream-mcp-test.log").toString());
        for (String arg : args) params.arg(arg);
        return new TestClient(new StdioClientTransport(params.build(), McpJsonDefaults.getMapper()));
    }

    /**
     * The log notifications once at least {@code count} have come (or after 10 s, whatever came): the SDK's
     * client hands notifications to their consumer on a thread of their own, so one sent before a result may
     * reach {@link #logs} just after the result has reached the caller.
     */
    List<Received<McpSchema.LoggingMessageNotification>> logsOnce(int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (logs.size() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return logs;
    }

    McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    Received<McpSchema.CallToolResult> callWithProgress(String tool, Map<String, Object> arguments, String progressToken) {
        McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder().name(tool).arguments(arguments)
                .progressToken(progressToken).build());
        return new Received<>(System.nanoTime(), result);
    }

    CompletableFuture<McpSchema.CallToolResult> callInBackground(String tool, Map<String, Object> arguments, String progressToken) {
        return CompletableFuture.supplyAsync(() -> callWithProgress(tool, arguments, progressToken).value(),
                r -> Thread.ofVirtual().start(r));
    }

    List<McpSchema.ProgressNotification> progressFor(String token) {
        return progress.stream().map(Received::value).filter(n -> token.equals(n.progressToken())).toList();
    }

    static String text(McpSchema.CallToolResult result) {
        return result.content().stream()
                .filter(c -> c instanceof McpSchema.TextContent)
                .map(c -> ((McpSchema.TextContent) c).text())
                .collect(Collectors.joining("\n"));
    }

    /** Whether a process is alive (a zombie is not: it has exited and only waits to be reaped). */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}

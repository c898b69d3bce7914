package dev.agentstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentstream mcp --http --port 0} in its own JVM: Streamable HTTP on loopback, one shell per MCP session. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class McpHttpCommandTest {

    @TempDir
    Path logDir;

    private Process server;
    private URI endpoint;

    @BeforeEach
    void start() throws Exception {
        // Checks shells by their pids, which are this machine's only outside the sandbox's PID namespace.
        server = McpCommandTest.Client.start(logDir, List.of("--http", "--port", "0", "--sandbox", "off"));
        server.getOutputStream().close();
        BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8));
        Pattern listening = Pattern.compile("listening on (http://\\S+)");
        String line;
        while ((line = err.readLine()) != null) {
            Matcher m = listening.matcher(line);
            if (m.find()) {
                endpoint = URI.create(m.group(1));
                break;
            }
        }
        assertThat(endpoint).as("the server says where it listens on stderr").isNotNull();
        assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
        Thread.ofVirtual().start(() -> err.lines().forEach(l -> {}));
    }

    @AfterEach
    @Timeout(30)
    void stop() throws Exception {
        server.destroy();
        if (!server.waitFor(10, TimeUnit.SECONDS)) server.destroyForcibly();
    }

    @Test
    void sessionsHaveTheirOwnShellsAndStoppingTheServerEndsThem() throws Exception {
        McpCommandTest.Client a = McpCommandTest.Client.http(endpoint);
        McpCommandTest.Client b = McpCommandTest.Client.http(endpoint);
        a.client.callTool(new io.modelcontextprotocol.spec.McpSchema.CallToolRequest("bash", Map.of("command", "cd / && export MARK=a")));
        String seenByB = McpCommandTest.Client.text(b.client.callTool(
                new io.modelcontextprotocol.spec.McpSchema.CallToolRequest("bash", Map.of("command", "echo \"[$MARK]\"; pwd"))));
        assertThat(seenByB).startsWith("[]\n").doesNotContain("[]\n/\n");
        List<Long> shells = List.of(McpCommandTest.Client.shellPid(a), McpCommandTest.Client.shellPid(b));
        assertThat(shells).doesNotHaveDuplicates().allMatch(McpCommandTest.Client::running);

        server.destroy();
        for (long shell : shells) assertThat(McpCommandTest.Client.awaitGone(shell)).as("bash %d is gone", shell).isTrue();
        a.client.close();
        b.client.close();
    }

    @Test
    void requestsFromAnotherOriginAreRefused() throws Exception {
        HttpRequest.Builder initialize = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                        + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"curl\",\"version\":\"1\"}}}"));
        HttpClient http = HttpClient.newHttpClient();
        assertThat(http.send(initialize.copy().header("Origin", "https://evil.example").build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(403);
        assertThat(http.send(initialize.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }
}

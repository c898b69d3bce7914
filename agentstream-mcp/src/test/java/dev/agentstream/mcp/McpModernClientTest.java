package dev.agentstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.EventJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Python MCP SDK (src/test/python/requirements.txt) in its default mode, which probes
 * {@code server/discover} at protocol revision 2026-07-28 and falls back to {@code initialize} only when refused:
 * over Streamable HTTP and over stdio (the server started by the SDK, as an MCP host does), the connection must stay
 * at 2026-07-28, and the tools answer as the legacy server's do. The SDK pinned to the legacy handshake still gets
 * the legacy server on both transports.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class McpModernClientTest {

    private static ServerProcess http;

    @TempDir
    static Path folder;

    @BeforeAll
    static void start() throws Exception {
        ExternalClient.python();
        http = ServerProcess.http("--all-tools");
        Files.writeString(folder.resolve("a.txt"), "a needle here\n");
    }

    @AfterAll
    @Timeout(30)
    static void stop() throws Exception {
        if (http != null) http.close();
    }

    /** The stdio server's command line, as the SDK's client launches it. */
    private static String stdio() throws Exception {
        return EventJson.mapper().writeValueAsString(ServerProcess.javaCommand("--all-tools"));
    }

    private static JsonNode scenario(String name, String target) throws Exception {
        return ExternalClient.run(ExternalClient.PYTHON_DIR, List.of(ExternalClient.python().toString(), "client.py", name, target,
                folder.toString()));
    }

    @Test
    void theDefaultClientStaysAtTheNewRevisionOverHttp() throws Exception {
        JsonNode report = scenario("modern", http.endpoint().toString());
        assertSameToolsAtTheNewRevision(report);
        assertThat(report.path("logsWithoutOptIn")).as("no log messages for a request that did not opt in").isEmpty();
    }

    @Test
    void theDefaultClientStaysAtTheNewRevisionOverStdio() throws Exception {
        assertSameToolsAtTheNewRevision(scenario("modern", stdio()));
    }

    @Test
    void abandoningACallOverHttpKillsItsProcess() throws Exception {
        assertCancelled(scenario("modern-cancel", http.endpoint().toString()));
    }

    @Test
    void cancellingACallOverStdioKillsItsProcess() throws Exception {
        assertCancelled(scenario("modern-cancel", stdio()));
    }

    @Test
    void theClientPinnedToTheHandshakeStillGetsTheLegacyServer() throws Exception {
        for (String target : List.of(http.endpoint().toString(), stdio())) {
            JsonNode report = scenario("legacy", target);
            assertThat(report.path("protocol").asText()).isEqualTo("2025-11-25");
            assertThat(report.path("text").asText()).contains("legacy");
        }
    }

    @Test
    void refusedRequestsAtTheNewRevisionGetJsonRpcErrorBodies() throws Exception {
        JsonNode report = scenario("modern-errors", http.endpoint().toString());
        report.fields().forEachRemaining(entry -> {
            JsonNode answer = entry.getValue();
            assertThat(answer.path("status").asInt()).as(entry.getKey()).isGreaterThanOrEqualTo(400);
            assertThat(answer.path("body").path("jsonrpc").asText()).as(entry.getKey() + ": " + answer.path("raw").asText()).isEqualTo("2.0");
            assertThat(answer.path("body").path("error").path("message").asText()).as(entry.getKey()).isNotBlank();
            assertThat(answer.path("raw").asText()).as(entry.getKey()).doesNotContain("Exception").doesNotContain("<html");
        });
        assertThat(report.path("noMeta").path("body").path("id").asInt()).isEqualTo(7);
        assertThat(report.path("noMeta").path("body").path("error").path("code").asInt()).isEqualTo(-32602);
        assertThat(report.path("unknownTool").path("body").path("error").path("message").asText()).contains("nope");
        assertThat(report.path("foreignOrigin").path("status").asInt()).isEqualTo(403);
        assertThat(report.path("get").path("status").asInt()).isEqualTo(405);
        assertThat(report.path("get").path("body").path("error").path("message").asText()).isEqualTo(ModernRouteFilter.POST_ONLY);
    }

    private static void assertSameToolsAtTheNewRevision(JsonNode report) {
        assertThat(report.path("protocol").asText()).as("no fallback to the handshake").isEqualTo("2026-07-28");
        assertThat(report.path("serverName").asText()).isEqualTo(ServerAssembly.SERVER_NAME);
        List<String> discovered = new ArrayList<>();
        report.path("discovered").forEach(version -> discovered.add(version.asText()));
        assertThat(discovered).contains("2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26");

        List<String> names = new ArrayList<>();
        report.path("tools").forEach(tool -> names.add(tool.path("name").asText()));
        assertThat(names).contains("bash", "find", "tree", "str_replace_based_edit_tool");
        report.path("tools").forEach(tool -> {
            if (tool.path("name").asText().equals("bash")) {
                assertThat(tool.path("title").asText()).isEqualTo("Bash shell");
                assertThat(tool.path("outputSchema").path("type").asText()).isEqualTo("object");
            }
        });

        JsonNode bash = report.path("bash");
        assertThat(bash.path("text").asText()).contains("one").contains("two");
        assertThat(bash.path("structured").path("exitCode").asInt()).isEqualTo(3);
        assertThat(bash.path("meta").path("exitCode").asInt()).as("the result's _meta, as the legacy server sends it").isEqualTo(3);
        assertThat(report.path("find").path("structured").path("matches").asInt()).isEqualTo(1);
        assertThat(report.path("badInput").path("isError").asBoolean()).isTrue();
        assertThat(report.path("badInput").path("text").asText()).isNotBlank();

        List<String> progress = new ArrayList<>();
        report.path("progress").forEach(p -> progress.add(p.path("message").asText()));
        assertThat(String.join("\n", progress)).as("progress while the command ran").contains("one");
        List<String> logs = new ArrayList<>();
        report.path("logs").forEach(log -> logs.add(log.path("level").asText() + " " + log.path("data").asText()));
        assertThat(logs).as("the notices of a request that opted in at debug").anyMatch(log -> log.startsWith("debug") && log.contains("finished"));
    }

    private static void assertCancelled(JsonNode report) {
        assertThat(report.path("protocol").asText()).isEqualTo("2026-07-28");
        assertThat(report.path("pid").asLong()).as("the command reported its pid in a progress message").isPositive();
        assertThat(report.path("stillRunning").asBoolean()).as("the cancelled command's process is gone").isFalse();
        assertThat(TestClient.running(report.path("pid").asLong())).isFalse();
        assertThat(report.path("after").asText()).contains("still here");
    }
}

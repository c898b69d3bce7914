package dev.agentstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Streamable HTTP server as the official Python MCP SDK (pinned in src/test/python/requirements.txt) and
 * plain HTTP from Python's standard library see it: one test per point of the MCP specification the server
 * keeps. The server runs in a JVM of its own with a 2 s session idle limit.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class McpPythonClientTest {

    private static ServerProcess server;

    @TempDir
    static Path folder;

    @BeforeAll
    static void start() throws Exception {
        ExternalClient.python();
        server = ServerProcess.http("--all-tools", TestServerMain.IDLE_OPTION + "2");
        Files.writeString(folder.resolve("a.txt"), "a needle here\n");
    }

    @AfterAll
    @Timeout(30)
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static JsonNode scenario(String name) throws Exception {
        return scenario(server, name);
    }

    private static JsonNode scenario(ServerProcess target, String name) throws Exception {
        return ExternalClient.run(ExternalClient.PYTHON_DIR, List.of(ExternalClient.python().toString(), "client.py", name,
                target.endpoint().toString(), folder.toString()));
    }

    private static void awaitGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (TestClient.running(pid) && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(TestClient.running(pid)).as("process %d is gone", pid).isFalse();
    }

    @Test
    void toolsHaveTitlesAndBehaviourHints() throws Exception {
        JsonNode report = scenario("listing");
        // The SDK's default mode: it asks server/discover first and stays at the stateless revision.
        assertThat(report.path("protocol").asText()).isEqualTo("2026-07-28");
        Map<String, JsonNode> tools = new java.util.HashMap<>();
        report.path("tools").forEach(tool -> tools.put(tool.path("name").asText(), tool));
        assertThat(tools.get("bash").path("title").asText()).isEqualTo("Bash shell");
        assertThat(tools.get("bash").path("annotations").toString())
                .isEqualTo("{\"readOnlyHint\":false,\"destructiveHint\":true,\"idempotentHint\":false,\"openWorldHint\":true}");
        assertThat(tools.get("str_replace_based_edit_tool").path("annotations").path("destructiveHint").asBoolean()).isTrue();
        for (String readOnly : List.of("find", "tree")) {
            assertThat(tools.get(readOnly).path("title").asText()).isNotBlank();
            assertThat(tools.get(readOnly).path("annotations").toString()).isEqualTo("{\"readOnlyHint\":true,\"openWorldHint\":false}");
        }
    }

    @Test
    void resultsWithStructureCarryStructuredContentMatchingTheOutputSchema() throws Exception {
        JsonNode report = scenario("listing");
        JsonNode results = report.path("results");
        // The SDK itself checks each structuredContent against the tool's outputSchema and fails the call otherwise.
        assertThat(results.path("find").path("structured").path("matches").asInt()).isEqualTo(1);
        assertThat(results.path("find").path("structured").path("filesScanned").asInt()).isEqualTo(1);
        assertThat(results.path("tree").path("structured").path("files").asInt()).isEqualTo(1);
        assertThat(results.path("bash").path("structured").path("exitCode").asInt()).isEqualTo(3);
        assertThat(results.path("bash").path("structured").path("sandbox").asText()).isEqualTo("off");
        report.path("tools").forEach(tool -> {
            if (List.of("bash", "find", "tree").contains(tool.path("name").asText())) {
                assertThat(tool.path("outputSchema").path("type").asText()).isEqualTo("object");
            }
        });
    }

    @Test
    void anUnsupportedProtocolVersionHeaderIsRefusedWith400() throws Exception {
        JsonNode report = scenario("version");
        assertThat(report.path("badStatus").asInt()).isEqualTo(400);
        assertThat(report.path("badInSessionStatus").asInt()).isEqualTo(400);
        JsonNode error = report.path("badBody").path("error");
        assertThat(error.path("code").asInt()).isEqualTo(ProtocolVersionFilter.UNSUPPORTED_PROTOCOL_VERSION);
        assertThat(error.path("message").asText()).contains("1999-01-01").contains("2025-11-25");
        // The SDK's first probe, server/discover at 2026-07-28, is answered: no fallback to initialize.
        assertThat(report.path("sdkProtocol").asText()).isEqualTo("2026-07-28");
        assertThat(report.path("sdkTools")).isNotEmpty();
    }

    @Test
    void aCancelledRequestIsNotAnsweredAndItsProcessEnds() throws Exception {
        JsonNode report = scenario("cancel");
        awaitGone(report.path("sdkPid").asLong());
        assertThat(report.path("sdkAfter").asText()).contains("still here");
        awaitGone(report.path("rawPid").asLong());
        assertThat(report.path("cancelStatus").asInt()).isEqualTo(202);
        assertThat(report.path("answered").asBoolean()).as("the cancelled request's stream ended without an answer").isFalse();
        assertThat(report.path("rawAfter").asText()).contains("after cancel");
    }

    @Test
    void aGetOpensTheServerToClientStreamAtOnce() throws Exception {
        JsonNode report = scenario("get-stream");
        assertThat(report.path("status").asInt()).isEqualTo(200);
        assertThat(report.path("contentType").asText()).startsWith("text/event-stream");
        assertThat(report.path("sdkTools").asInt()).isPositive();
    }

    @Test
    void aBrokenStreamResumesWithLastEventId() throws Exception {
        JsonNode report = scenario("resume");
        assertThat(report.path("firstId").asText()).matches("r\\d+-1");
        assertThat(report.path("status").asInt()).isEqualTo(200);
        List<JsonNode> replayed = new java.util.ArrayList<>();
        report.path("replayed").forEach(replayed::add);
        assertThat(replayed).isNotEmpty();
        String stream = report.path("firstId").asText().replaceAll("-1$", "-");
        assertThat(replayed).allSatisfy(event -> assertThat(event.path("id").asText()).startsWith(stream));
        JsonNode last = replayed.getLast().path("message");
        // The connection dropped, so the call was cancelled: the resumed stream says so in its result.
        JsonNode result = last.path("result");
        assertThat(result.path("_meta").path(ResultTranslator.META_KEY).path("cancelled").asBoolean()).isTrue();
        StringBuilder text = new StringBuilder();
        result.path("content").forEach(block -> text.append(block.path("text").asText()).append('\n'));
        assertThat(text.toString()).contains("cancelled").contains("line 1");
    }

    @Test
    void aDroppedConnectionCancelsItsCallAndFreesTheShellAtOnce() throws Exception {
        JsonNode report = scenario("lost");
        assertThat(report.path("stillRunning").asBoolean()).as("the command of the dropped request is gone").isFalse();
        assertThat(report.path("after").asText()).as("the session's shell takes the next call").contains("freed");
    }

    @Test
    void aSessionLeftIdleExpiresWithItsShell() throws Exception {
        JsonNode report = scenario("idle");
        assertThat(report.path("stillRunning").asBoolean()).as("the idle session's shell ended").isFalse();
        assertThat(report.path("status").asInt()).isEqualTo(404);
        assertThat(report.path("body").path("error").path("message").asText()).contains("start a new one");
    }

    @Test
    void stoppingTheServerEndsEverySessionsProcesses() throws Exception {
        try (ServerProcess own = ServerProcess.http()) {
            JsonNode report = scenario(own, "shells");
            List<Long> shells = new java.util.ArrayList<>();
            report.path("pids").forEach(pid -> shells.add(pid.asLong()));
            assertThat(shells).hasSize(2).allMatch(TestClient::running);
            own.close();
            for (long shell : shells) awaitGone(shell);
        }
    }
}

package dev.agentstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.EventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentstream mcp} driven by a client nobody here wrote: the official TypeScript MCP SDK, through the
 * Node script in agentstream-mcp/src/test/node. It calls bash with progress and cancels a long command.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class McpNodeClientTest {

    private static final Path NODE_DIR = Path.of("..", "agentstream-mcp", "src", "test", "node").toAbsolutePath().normalize();

    @TempDir
    Path logDir;

    @Test
    void theTypeScriptSdkSeesProgressBeforeTheResultAndCancelsACommand() throws Exception {
        requireNodeAndItsPackages();
        List<String> command = new ArrayList<>(List.of("node", "client.mjs"));
        // The client checks the shell's pids, which are this machine's only outside the sandbox's PID namespace.
        command.addAll(McpCommandTest.Client.javaCommand(List.of("--sandbox", "off")));
        ProcessBuilder builder = new ProcessBuilder(command).directory(NODE_DIR.toFile());
        builder.environment().put("AGENTSTREAM_LOG", logDir.resolve("agentstream.log").toString());
        Process node = builder.start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(node.getErrorStream()));
        String stdout = read(node.getInputStream());
        assertThat(node.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(node.exitValue()).as("node failed; its stderr:\n%s", stderr.get()).isZero();

        JsonNode report = EventJson.mapper().readTree(stdout.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
        assertThat(report.path("server").path("name").asText()).isEqualTo("agentstream");
        assertThat(report.path("tools").findValuesAsText("name")).contains("bash");

        JsonNode progress = report.path("progress");
        assertThat(progress.size()).as("progress notifications").isGreaterThanOrEqualTo(2);
        long resultAt = report.path("resultAt").asLong();
        double last = Double.NEGATIVE_INFINITY;
        for (JsonNode p : progress) {
            assertThat(p.path("at").asLong()).isLessThanOrEqualTo(resultAt);
            assertThat(p.path("progress").asDouble()).isGreaterThan(last);
            last = p.path("progress").asDouble();
        }
        assertThat(progress.get(0).path("at").asLong()).isLessThan(resultAt - 800);
        assertThat(progress.findValuesAsText("message")).anyMatch(m -> m.contains("| step"));
        assertThat(report.path("result").path("isError").asBoolean()).isFalse();
        assertThat(report.path("result").path("text").asText()).contains("step 4").contains("[exit code 0]");

        JsonNode cancel = report.path("cancel");
        assertThat(cancel.path("pid").isNumber()).as("the PID line reached the client in a progress message").isTrue();
        assertThat(cancel.path("runningBefore").asBoolean()).isTrue();
        assertThat(cancel.path("runningAfter").asBoolean()).as("the cancelled command's process is gone").isFalse();
        assertThat(report.path("afterCancel").asText()).contains("still here");
    }

    private static void requireNodeAndItsPackages() {
        try {
            Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!version.waitFor(30, TimeUnit.SECONDS) || version.exitValue() != 0) fail("'node --version' failed; install Node.js 18 or newer.");
        } catch (IOException | InterruptedException e) {
            fail("This test needs Node.js 18 or newer on the PATH (it runs the official TypeScript MCP SDK); install it, e.g. apt-get install nodejs npm.");
        }
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/@modelcontextprotocol/sdk"))) {
            fail("The TypeScript MCP SDK is not installed: run 'npm ci' in " + NODE_DIR + ".");
        }
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}

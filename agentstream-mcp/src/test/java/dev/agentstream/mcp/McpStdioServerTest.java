package dev.agentstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server over stdio in its own JVM, as an MCP client starts it. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class McpStdioServerTest extends McpServerContract {

    @Override
    TestClient connect() {
        TestClient client = TestClient.stdio(TestServerMain.class.getName());
        client.client.initialize();
        return client;
    }

    @Test
    void closingTheInputEndsTheServerAndItsShell() throws Exception {
        long shell;
        try (TestClient c = connect()) {
            shell = Long.parseLong(TestClient.text(c.call("bash", Map.of("command", "echo $$"))).lines().findFirst().orElseThrow().strip());
            assertThat(TestClient.running(shell)).isTrue();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (TestClient.running(shell) && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(TestClient.running(shell)).as("the session's bash (pid %d) is gone", shell).isFalse();
    }
}

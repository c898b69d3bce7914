package dev.agentstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several MCP sessions on one Streamable HTTP server at once. The server runs in a JVM of its own, so
 * that whatever happens to it cannot take this test JVM down with it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class McpHttpSessionsTest {

    private ServerProcess server;
    private URI endpoint;

    @BeforeEach
    void start() throws Exception {
        server = ServerProcess.http();
        endpoint = server.endpoint();
    }

    @AfterEach
    @Timeout(30)
    void stop() throws Exception {
        server.close();
    }

    @Test
    void sessionsDoNotSeeEachOther() {
        try (TestClient a = connect(); TestClient b = connect()) {
            a.call("bash", Map.of("command", "cd / && export MARK=a"));
            String seenByB = TestClient.text(b.call("bash", Map.of("command", "pwd; echo \"[$MARK]\"")));
            assertThat(seenByB).contains("[]").doesNotStartWith("/\n");
            assertThat(TestClient.text(a.call("bash", Map.of("command", "pwd; echo \"[$MARK]\"")))).startsWith("/\n[a]");
        }
    }

    @Test
    void stoppingTheServerEndsEveryShell() throws Exception {
        TestClient a = connect();
        TestClient b = connect();
        List<Long> shells = List.of(shellPid(a), shellPid(b));
        assertThat(shells).allMatch(TestClient::running);
        server.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (shells.stream().anyMatch(TestClient::running) && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(shells).as("the shells of both sessions are gone").noneMatch(TestClient::running);
        a.client.close();
        b.client.close();
    }

    private static long shellPid(TestClient client) {
        return Long.parseLong(TestClient.text(client.call("bash", Map.of("command", "echo $$"))).lines().findFirst().orElseThrow().strip());
    }

    private TestClient connect() {
        TestClient client = TestClient.http(endpoint);
        client.client.initialize();
        return client;
    }
}

package dev.agentstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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

    @Test
    void aSessionsShellStartsWhenItOpensAndItsFirstCallRunsInIt() throws Exception {
        try (TestClient client = connect()) {
            Set<Long> shells = McpSessionsReadyTest.shellsUnder(server.handle());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (shells.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
                shells = McpSessionsReadyTest.shellsUnder(server.handle());
            }
            assertThat(shells).as("the session's shell, started before any call").hasSize(1);
            assertThat(shellPid(client)).isEqualTo(shells.iterator().next());
        }
    }

    /**
     * Streams take turns even when there is a single thread to carry every call: each of several sessions printing
     * megabytes, with the whole output in its progress notifications, gets output to its client before any stream
     * ends. (Virtual threads are not time-sliced: a call whose client keeps reading would otherwise keep the carrier.)
     * Every call first prints a line and waits for a file, so all streams start together whenever each call got
     * going; the check is on the output that comes after.
     */
    @Test
    void manyStreamingSessionsEachGetOutputBeforeAnyStreamEndsEvenOnOneCarrier() throws Exception {
        server.close();
        server = ServerProcess.http(List.of("-Djdk.virtualThreadScheduler.parallelism=1", "-Djdk.virtualThreadScheduler.maxPoolSize=1"));
        endpoint = server.endpoint();
        int count = 6;
        // in the server's working folder, which a sandboxed shell sees too (its /tmp is a folder of its own)
        Path startSignal = Path.of("target", "streams-start-" + UUID.randomUUID()).toAbsolutePath();
        String command = "echo waiting; while [ ! -e '" + startSignal + "' ]; do sleep 0.05; done; seq 1 700000";
        List<TestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) clients.add(connect());
            List<CompletableFuture<Long>> ended = new ArrayList<>();
            for (TestClient client : clients) {
                ended.add(CompletableFuture.supplyAsync(() -> {
                    McpSchema.CallToolResult result = client.client.callTool(McpSchema.CallToolRequest.builder().name("bash")
                            .arguments(Map.of("command", command))
                            .meta(Map.of("progressToken", "out", OutputChunks.REQUEST_KEY, true)).build());
                    assertThat(result.isError()).isFalse();
                    return System.nanoTime();
                }, r -> Thread.ofPlatform().daemon().start(r)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!clients.stream().allMatch(c -> firstChunk(c, text -> text.contains("waiting")) > 0) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(clients).as("every call is running and has streamed its first line").allMatch(c -> firstChunk(c, text -> text.contains("waiting")) > 0);
            Files.createFile(startSignal);
            long firstEnd = ended.stream().mapToLong(CompletableFuture::join).min().orElseThrow();
            for (TestClient client : clients) {
                long firstNumbers = firstChunk(client, text -> text.chars().anyMatch(Character::isDigit));
                assertThat(firstNumbers).as("this session's numbers began before the first stream ended").isPositive().isLessThan(firstEnd);
            }
        } finally {
            clients.forEach(TestClient::close);
            Files.deleteIfExists(startSignal);
        }
    }

    /** When the first output chunk whose text passes {@code test} reached the client, or 0 if none has. */
    private static long firstChunk(TestClient client, Predicate<String> test) {
        return client.progress.stream()
                .filter(p -> p.value().meta() != null && p.value().meta().get(OutputChunks.CHUNK_KEY) instanceof Map<?, ?> chunk
                        && chunk.get("text") instanceof String text && test.test(text))
                .mapToLong(TestClient.Received::nanos).min().orElse(0);
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

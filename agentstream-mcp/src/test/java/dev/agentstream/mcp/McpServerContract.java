package dev.agentstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What an agentstream MCP server does over any transport, checked with the MCP Java SDK's client. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
abstract class McpServerContract {

    /** A connected, initialized client of a server offering bash and the test image tool. */
    abstract TestClient connect();

    @Test
    void anUnknownToolIsAnsweredWithTheNameAskedFor() {
        try (TestClient c = connect()) {
            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> c.call("no_such_tool", Map.of()));
            assertThat(refused).isInstanceOf(io.modelcontextprotocol.spec.McpError.class);
            McpSchema.JSONRPCResponse.JSONRPCError error = ((io.modelcontextprotocol.spec.McpError) refused).getJsonRpcError();
            assertThat(error.code()).isEqualTo(-32602);
            assertThat(error.message()).isEqualTo("There is no tool named 'no_such_tool'; call tools/list to see the tools this server offers.");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsEveryToolWithItsSchemaAndADescriptionForAModel() {
        try (TestClient c = connect()) {
            assertThat(c.client.getServerInfo().name()).isEqualTo("agentstream");
            List<McpSchema.Tool> tools = c.client.listTools().tools();
            assertThat(tools).extracting(McpSchema.Tool::name).containsExactly("bash", ImageTestTool.NAME);
            McpSchema.Tool bash = tools.getFirst();
            assertThat(bash.inputSchema()).containsEntry("type", "object");
            assertThat((Map<String, Object>) bash.inputSchema().get("properties")).containsKeys("command", "restart", "timeout", "stdin");
            assertThat(bash.description()).contains("persistent bash session").contains("[exit code N]").contains("{\"command\": \"\"}");
        }
    }

    @Test
    void progressArrivesWhileBashRunsAndStopsWithTheResult() throws Exception {
        try (TestClient c = connect()) {
            TestClient.Received<McpSchema.CallToolResult> result = c.callWithProgress("bash",
                    Map.of("command", "for i in 1 2 3 4; do echo \"step $i\"; sleep 0.4; done"), "p1");

            assertThat(result.value().isError()).isFalse();
            assertThat(TestClient.text(result.value())).contains("step 1\nstep 2\nstep 3\nstep 4").contains("[exit code 0]");
            // The SDK's client may hand the last notifications to its consumer just after the result.
            Thread.sleep(500);
            List<TestClient.Received<McpSchema.ProgressNotification>> progress = List.copyOf(c.progress);
            assertThat(progress).as("progress notifications").hasSizeGreaterThanOrEqualTo(2);
            assertThat(progress.getFirst().nanos()).as("the first progress comes well before the result")
                    .isLessThan(result.nanos() - TimeUnit.MILLISECONDS.toNanos(800));
            List<Double> values = progress.stream().map(p -> p.value().progress()).toList();
            for (int i = 1; i < values.size(); i++) assertThat(values.get(i)).isGreaterThan(values.get(i - 1));
            assertThat(progress).extracting(p -> p.value().message()).anyMatch(m -> m.contains("| step"));

            Thread.sleep(500);
            assertThat(c.progress).as("no progress after the result").hasSameSizeAs(progress);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void askedForTheOutputTheProgressNotificationsCarryAllOfItWhileTheResultStaysCompact() throws Exception {
        // seq itself is the reference: what it prints when no server is in between.
        Process reference = new ProcessBuilder("seq", "1", "300000").start();
        String printed = new String(reference.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(reference.waitFor()).isZero();
        try (TestClient c = connect()) {
            McpSchema.CallToolResult result = c.client.callTool(McpSchema.CallToolRequest.builder().name("bash")
                    .arguments(Map.of("command", "seq 1 300000"))
                    .meta(Map.of("progressToken", "full", OutputChunks.REQUEST_KEY, true)).build());

            // The SDK's client hands notifications to its consumer on more than one thread, so the order they were
            // recorded in is not the order they came in, and the last ones may still be on their way to the consumer
            // when the result is: wait for them, then put them in offset order. That the server sends them all before
            // the result is held by the test above and by McpLoadBench, which read the raw stream in order.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            java.util.TreeMap<Long, String> chunks = outputChunks(c.progress);
            while (chunks.values().stream().mapToInt(String::length).sum() < printed.length() && System.nanoTime() < deadline) {
                Thread.sleep(20);
                chunks = outputChunks(c.progress);
            }
            StringBuilder received = new StringBuilder();
            for (Map.Entry<Long, String> chunk : chunks.entrySet()) {
                assertThat(chunk.getKey()).as("each chunk starts where the one before ended").isEqualTo(received.length());
                received.append(chunk.getValue());
            }
            assertThat(received.toString()).isEqualTo(printed);
            assertThat(chunks).hasSizeGreaterThanOrEqualTo(printed.length() / OutputChunks.CHUNK_CHARS);
            assertThat(result.isError()).isFalse();
            assertThat(TestClient.text(result).length()).as("the result is the model view, not the whole output").isLessThan(printed.length() / 10);
            Map<String, Object> meta = (Map<String, Object>) result.meta().get(ResultTranslator.META_KEY);
            assertThat(java.nio.file.Files.readString(java.nio.file.Path.of((String) meta.get("spoolPath")))).isEqualTo(printed);
        }
    }

    /** The output chunks the progress notifications received so far carry, by offset. */
    @SuppressWarnings("unchecked")
    private static java.util.TreeMap<Long, String> outputChunks(List<TestClient.Received<McpSchema.ProgressNotification>> progress) {
        java.util.TreeMap<Long, String> chunks = new java.util.TreeMap<>();
        for (TestClient.Received<McpSchema.ProgressNotification> p : List.copyOf(progress)) {
            if (p.value().meta() == null || !p.value().meta().containsKey(OutputChunks.CHUNK_KEY)) continue;
            Map<String, Object> chunk = (Map<String, Object>) p.value().meta().get(OutputChunks.CHUNK_KEY);
            assertThat(chunks.put(((Number) chunk.get("offset")).longValue(), (String) chunk.get("text"))).as("a chunk sent twice").isNull();
        }
        return chunks;
    }

    @Test
    void withoutAProgressTokenTheResultStillHoldsAllOutput() {
        try (TestClient c = connect()) {
            McpSchema.CallToolResult result = c.call("bash", Map.of("command", "seq 1 3; sleep 0.3; echo done"));
            assertThat(TestClient.text(result)).contains("1\n2\n3\ndone").contains("[exit code 0]");
            assertThat(c.progress).isEmpty();
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) result.meta().get(ResultTranslator.META_KEY);
            assertThat(meta).containsEntry("exitCode", 0).containsKey("spoolPath");
        }
    }

    @Test
    void cancellingACallKillsItsProcessAndItGetsNoAnswer() throws Exception {
        try (TestClient c = connect()) {
            CompletableFuture<McpSchema.CallToolResult> call = c.callInBackground("bash",
                    Map.of("command", "sh -c 'echo PID=$$; exec sleep 300'"), "slow");
            Object requestId = c.transport.nextToolCallId();
            long pid = awaitPidInProgress(c, "slow");
            assertThat(TestClient.running(pid)).isTrue();

            c.transport.cancel(requestId);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (TestClient.running(pid) && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(TestClient.running(pid)).as("sleep (pid %d) is gone after the cancellation", pid).isFalse();
            // The shell survives its command: the session goes on.
            assertThat(TestClient.text(c.call("bash", Map.of("command", "echo still here")))).contains("still here");
            // MCP: a cancelled request is not answered. Its call ended before the shell took the next one.
            Thread.sleep(300);
            assertThat(call).as("the cancelled request got no answer").isNotDone();
        }
    }

    @Test
    void imagesComeBackAsImageContent() {
        try (TestClient c = connect()) {
            McpSchema.CallToolResult result = c.call(ImageTestTool.NAME, Map.of());
            assertThat(result.isError()).isFalse();
            McpSchema.ImageContent image = result.content().stream().filter(McpSchema.ImageContent.class::isInstance)
                    .map(McpSchema.ImageContent.class::cast).findFirst().orElseThrow();
            assertThat(image.mimeType()).isEqualTo("image/png");
            assertThat(Base64.getDecoder().decode(image.data())).isEqualTo(ImageTestTool.redSquare());
            assertThat(TestClient.text(result)).isEqualTo("an 8x8 red square");
        }
    }

    @Test
    void toolErrorsAreErrorResults() {
        try (TestClient c = connect()) {
            McpSchema.CallToolResult refused = c.call("bash", Map.of("command", "echo hi && rm -rf /"));
            assertThat(refused.isError()).isTrue();
            assertThat(TestClient.text(refused)).contains("Refused").contains("rm -rf /");

            McpSchema.CallToolResult badInput = c.call("bash", Map.of("timeout", 5));
            assertThat(badInput.isError()).isTrue();
            assertThat(TestClient.text(badInput)).contains("Give a 'command'");

            McpSchema.CallToolResult failing = c.call("bash", Map.of("command", "ls /nonexistent"));
            assertThat(failing.isError()).as("a command's own failure is reported, not an error of the tool").isFalse();
            assertThat(TestClient.text(failing)).contains("[exit code 2]");
        }
    }

    @Test
    void afterSetLevelTheUserIsToldOfARefusalBeforeTheResultAndDebugNoticesFollowTheLevel() {
        try (TestClient c = connect()) {
            c.client.setLoggingLevel(McpSchema.LoggingLevel.WARNING);
            TestClient.Received<McpSchema.CallToolResult> refused = c.callWithProgress("bash", Map.of("command", "echo hi && rm -rf /"), "r1");
            assertThat(refused.value().isError()).isTrue();
            // The SDK's client may hand a notice sent before the result to its consumer just after the result: that
            // the server sends it first is held on the wire (McpHttpServerTest.onTheWireTheRefusalNoticeComesBeforeTheResult).
            assertThat(c.logsOnce(1)).as("log notifications at WARNING").singleElement().satisfies(notice -> {
                assertThat(notice.value().level()).isEqualTo(McpSchema.LoggingLevel.WARNING);
                assertThat(notice.value().logger()).isEqualTo(CallNotices.LOGGER);
                assertThat(notice.value().data()).isEqualTo("The safety policy refused a bash command, nothing was run: `rm -rf /`.");
            });

            c.call("bash", Map.of("command", "echo fine"));
            assertThat(c.logs).as("a call that went well has nothing at WARNING").hasSize(1);

            c.client.setLoggingLevel(McpSchema.LoggingLevel.DEBUG);
            c.call("bash", Map.of("command", "echo debug"));
            assertThat(c.logsOnce(2)).hasSize(2);
            assertThat(c.logs.get(1).value().level()).isEqualTo(McpSchema.LoggingLevel.DEBUG);
            assertThat(c.logs.get(1).value().data()).startsWith("The bash call finished in ").contains(" ms with exit code 0");
        }
    }

    @Test
    void theShellPersistsWithinASession() {
        try (TestClient c = connect()) {
            c.call("bash", Map.of("command", "cd /tmp && export MARK=kept"));
            assertThat(TestClient.text(c.call("bash", Map.of("command", "pwd; echo \"[$MARK]\"")))).contains("/tmp\n[kept]");
        }
    }

    static long awaitPidInProgress(TestClient c, String token) throws InterruptedException {
        Pattern pid = Pattern.compile("PID=(\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (McpSchema.ProgressNotification n : c.progressFor(token)) {
                Matcher m = pid.matcher(n.message() == null ? "" : n.message());
                if (m.find()) return Long.parseLong(m.group(1));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no progress message showed the PID line; progress: " + c.progress);
    }
}

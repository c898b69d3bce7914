package dev.agentstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.EventJson;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** {@code agentstream mcp} over stdio, in its own JVM, driven by the MCP Java SDK's client as an MCP client would. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class McpCommandTest {

    @TempDir
    Path logDir;

    @Test
    void listsTheToolsAndStreamsBashProgressBeforeTheResult() throws Exception {
        try (Client c = Client.stdio(logDir)) {
            assertThat(c.client.getServerInfo().name()).isEqualTo("agentstream");
            assertThat(c.client.listTools().tools()).extracting(McpSchema.Tool::name).contains("bash");

            McpSchema.CallToolResult result = c.client.callTool(McpSchema.CallToolRequest.builder().name("bash")
                    .arguments(Map.of("command", "for i in 1 2 3; do echo \"step $i\"; sleep 0.5; done")).progressToken("p1").build());
            long resultAt = System.nanoTime();

            assertThat(Client.text(result)).contains("step 1\nstep 2\nstep 3").contains("[exit code 0]");
            assertThat(c.progress).isNotEmpty();
            assertThat(c.progress.getFirst().nanos()).isLessThan(resultAt - TimeUnit.MILLISECONDS.toNanos(500));
            assertThat(c.progress).extracting(p -> p.value().message()).anyMatch(m -> m.contains("step"));
        }
    }

    @Test
    void withoutADisplayBashGetsTheComputerToolsOwnSoItsWindowsAppearInTheNextScreenshot() throws Exception {
        try (Client c = Client.stdioWithoutDisplay(logDir, "--settle", "5")) {
            String description = c.client.listTools().tools().stream().filter(t -> t.name().equals("computer")).findFirst().orElseThrow().description();
            // The display starts in the background while the server answers: the listing names it when it was up
            // already, and otherwise says that bash's DISPLAY reaches it.
            assertThat(description).containsAnyOf("(a 1280x800 virtual display, Xvfb)",
                    "a 1280x800 virtual display (Xvfb) started with this server; programs started from bash appear on it");
            assertThat(description).contains("still for 0.3 s (waiting at most 5 s;");
            Matcher shellDisplay = Pattern.compile("^\\[(:\\d+)\\]").matcher(
                    Client.text(c.client.callTool(new McpSchema.CallToolRequest("bash", Map.of("command", "echo \"[$DISPLAY]\"")))));
            assertThat(shellDisplay.find()).as("bash has a DISPLAY").isTrue();
            Matcher named = Pattern.compile("the X display (:\\d+) \\(a 1280x800 virtual display, Xvfb\\)").matcher(description);
            if (named.find()) assertThat(shellDisplay.group(1)).isEqualTo(named.group(1));

            java.awt.image.BufferedImage before = screenshot(c, Map.of("action", "screenshot"));
            // xmessage (x11-utils) draws a white box with its text; the loop returns once its window is mapped.
            String shown = Client.text(c.client.callTool(new McpSchema.CallToolRequest("bash", Map.of("command",
                    "xmessage -geometry 400x200+200+150 -title agentstream-probe 'started from bash' >/dev/null 2>&1 &"
                            + " for i in $(seq 100); do xwininfo -name agentstream-probe 2>/dev/null | grep -q IsViewable && echo mapped && break;"
                            + " sleep 0.1; done"))));
            assertThat(shown).startsWith("mapped");
            java.awt.image.BufferedImage after = screenshot(c, Map.of("action", "screenshot", "settle", 5));

            int changedInside = 0;
            for (int y = 160; y < 340; y++) {
                for (int x = 210; x < 590; x++) {
                    if (before.getRGB(x, y) != after.getRGB(x, y)) changedInside++;
                }
            }
            assertThat(changedInside).as("pixels of the xmessage window that changed").isGreaterThan(380 * 180 / 2);
            assertThat(after.getRGB(1000, 700)).as("outside the window").isEqualTo(before.getRGB(1000, 700));
        }
    }

    private static java.awt.image.BufferedImage screenshot(Client c, Map<String, Object> arguments) throws IOException {
        McpSchema.CallToolResult result = c.client.callTool(new McpSchema.CallToolRequest("computer", arguments));
        McpSchema.ImageContent image = result.content().stream().filter(McpSchema.ImageContent.class::isInstance)
                .map(McpSchema.ImageContent.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no image in " + Client.text(result)));
        return javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(image.data())));
    }

    @Test
    void cancellingACallKillsItsProcess() throws Exception {
        // The pid the shell prints is this machine's only outside the sandbox's PID namespace (SandboxTest covers inside).
        try (Client c = Client.stdio(logDir, "--sandbox", "off")) {
            CompletableFuture<McpSchema.CallToolResult> call = c.callInBackground(Map.of("command", "sh -c 'echo PID=$$; exec sleep 300'"));
            Object requestId = c.transport.nextToolCallId();
            long pid = c.awaitPid();
            assertThat(Client.running(pid)).isTrue();

            c.transport.cancel(requestId);

            assertThat(Client.awaitGone(pid)).as("sleep (pid %d) is gone after the cancellation", pid).isTrue();
            // The session's shell is free at once, and the cancelled request gets no answer (the spec says it
            // SHOULD NOT): on one stdio stream an answer to it would have come before the next call's.
            McpSchema.CallToolResult next = c.client.callTool(new McpSchema.CallToolRequest("bash", Map.of("command", "echo after-cancel")));
            assertThat(Client.text(next)).contains("after-cancel");
            assertThat(call).as("the cancelled call's answer").isNotDone();
        }
    }

    @Test
    void theInstructionsAndEveryBashResultNameTheSandbox() throws Exception {
        try (Client c = Client.stdio(logDir, "--network")) {
            assertThat(c.client.getServerInstructions()).contains("bash runs in a bubblewrap sandbox (workspace-write)")
                    .contains("the network is open");
            McpSchema.CallToolResult result = c.client.callTool(new McpSchema.CallToolRequest("bash", Map.of("command", "true")));
            assertThat(result.meta().get("dev.agentstream/result").toString()).contains("sandbox=workspace-write").contains("network=true");
        }
    }

    @Test
    void policyFlagsRefuseCommandsAsErrorResults() throws Exception {
        try (Client c = Client.stdio(logDir, "--deny", "curl *")) {
            McpSchema.CallToolResult refused = c.client.callTool(new McpSchema.CallToolRequest("bash", Map.of("command", "curl http://127.0.0.1:9/")));
            assertThat(refused.isError()).isTrue();
            assertThat(Client.text(refused)).contains("curl");
        }
    }

    @Test
    void bufferedSendsNoProgressButTheWholeResult() throws Exception {
        try (Client c = Client.stdio(logDir, "--buffered", "--tools", "bash")) {
            assertThat(c.client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactly("bash");
            McpSchema.CallToolResult result = c.client.callTool(McpSchema.CallToolRequest.builder().name("bash")
                    .arguments(Map.of("command", "echo a; sleep 1.2; echo b")).progressToken("p1").build());
            assertThat(Client.text(result)).contains("a\nb");
            assertThat(c.progress).isEmpty();
        }
    }

    @Test
    void stdoutCarriesNothingButProtocolMessages() throws Exception {
        Process process = Client.start(logDir, List.of());
        try (OutputStream in = process.getOutputStream()) {
            for (String message : List.of(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}",
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"bash\",\"arguments\":{\"command\":\"echo hi >&2; echo out\"},\"_meta\":{\"progressToken\":7}}}")) {
                in.write((message + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
                if (message.contains("\"id\":2")) break;
            }
            List<JsonNode> lines = new ArrayList<>();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null) {
                JsonNode message = EventJson.mapper().readTree(line);
                assertThat(message.path("jsonrpc").asText()).as("stdout line %s", line).isEqualTo("2.0");
                lines.add(message);
                if (message.path("id").asInt() == 2) break;
            }
            assertThat(lines.getLast().path("result").path("content").get(0).path("text").asText()).contains("hi\nout");
        }
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the server exits once its input is closed").isTrue();
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void aBadOptionSaysWhatToDoOnStderr() throws Exception {
        Process process = Client.start(logDir, List.of("--tools", "nosuch"));
        process.getOutputStream().close();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
        assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).contains("There is no tool named nosuch");
    }

    /** The MCP Java SDK's client on the agentstream mcp command, recording progress and the ids of tool calls. */
    static final class Client implements AutoCloseable {

        record Received<T>(long nanos, T value) {}

        final Recording transport;
        final McpSyncClient client;
        final List<Received<McpSchema.ProgressNotification>> progress = new CopyOnWriteArrayList<>();

        private Client(McpClientTransport transport) {
            this.transport = new Recording(transport);
            this.client = McpClient.sync(this.transport).requestTimeout(Duration.ofSeconds(60))
                    .progressConsumer(n -> progress.add(new Received<>(System.nanoTime(), n))).build();
            client.initialize();
        }

        /** A client over any transport, initialized. */
        static Client over(McpClientTransport transport) {
            return new Client(transport);
        }

        static Client stdio(Path logDir, String... args) {
            List<String> command = javaCommand(List.of(args));
            ServerParameters params = ServerParameters.builder(command.getFirst()).args(command.subList(1, command.size()))
                    .addEnvVar("AGENTSTREAM_LOG", logDir.resolve("agentstream.log").toString()).build();
            return new Client(new StdioClientTransport(params, McpJsonDefaults.getMapper()));
        }

        /** The server as an MCP client starts it where there is no X display (DISPLAY removed from its environment). */
        static Client stdioWithoutDisplay(Path logDir, String... args) {
            List<String> command = new ArrayList<>(List.of("-u", "DISPLAY"));
            command.addAll(javaCommand(List.of(args)));
            ServerParameters params = ServerParameters.builder("env").args(command)
                    .addEnvVar("AGENTSTREAM_LOG", logDir.resolve("agentstream.log").toString()).build();
            return new Client(new StdioClientTransport(params, McpJsonDefaults.getMapper()));
        }

        static Client http(URI endpoint) {
            return new Client(HttpClientStreamableHttpTransport.builder(endpoint.getScheme() + "://" + endpoint.getAuthority())
                    .endpoint(endpoint.getPath()).build());
        }

        /** Over HTTP, every request carrying {@code Authorization: Bearer token}. */
        static Client http(URI endpoint, String token) {
            return new Client(HttpClientStreamableHttpTransport.builder(endpoint.getScheme() + "://" + endpoint.getAuthority())
                    .endpoint(endpoint.getPath())
                    .requestBuilder(java.net.http.HttpRequest.newBuilder().header("Authorization", "Bearer " + token)).build());
        }

        static Process start(Path logDir, List<String> args) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(javaCommand(args));
            builder.environment().put("AGENTSTREAM_LOG", logDir.resolve("agentstream.log").toString());
            return builder.start();
        }

        /** The agentstream mcp command in a JVM on this test's class path (Main wires it as 'agentstream mcp'). */
        static List<String> javaCommand(List<String> args) {
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), McpCommand.class.getName()));
            command.addAll(args);
            return command;
        }

        CompletableFuture<McpSchema.CallToolResult> callInBackground(Map<String, Object> arguments) {
            return CompletableFuture.supplyAsync(() -> client.callTool(McpSchema.CallToolRequest.builder().name("bash")
                    .arguments(arguments).progressToken("slow").build()), r -> Thread.ofVirtual().start(r));
        }

        /** The PID a command printed as {@code PID=N}, read from the latest output line in a progress message. */
        long awaitPid() throws InterruptedException {
            Pattern pid = Pattern.compile("PID=(\\d+)");
            for (int i = 0; i < 400; i++) {
                for (Received<McpSchema.ProgressNotification> n : progress) {
                    Matcher m = pid.matcher(String.valueOf(n.value().message()));
                    if (m.find()) return Long.parseLong(m.group(1));
                }
                Thread.sleep(50);
            }
            throw new AssertionError("no progress message showed the PID line: " + progress);
        }

        static String text(McpSchema.CallToolResult result) {
            return result.content().stream().filter(McpSchema.TextContent.class::isInstance)
                    .map(c -> ((McpSchema.TextContent) c).text()).collect(Collectors.joining("\n"));
        }

        static long shellPid(Client c) {
            return Long.parseLong(text(c.client.callTool(new McpSchema.CallToolRequest("bash", Map.of("command", "echo $$"))))
                    .lines().findFirst().orElseThrow().strip());
        }

        /** Whether a process is alive; a zombie has exited and only waits to be reaped. */
        static boolean running(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                char state = stat.charAt(stat.lastIndexOf(')') + 2);
                return state != 'Z' && state != 'X';
            } catch (IOException e) {
                return false;
            }
        }

        static boolean awaitGone(long pid) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (running(pid) && System.nanoTime() < deadline) Thread.sleep(50);
            return !running(pid);
        }

        @Override
        public void close() {
            client.closeGracefully();
        }
    }

    /** Remembers the ids of tools/call requests, so a test can cancel one as any client does. */
    static final class Recording implements McpClientTransport {
        private final McpClientTransport delegate;
        private final LinkedBlockingQueue<Object> toolCallIds = new LinkedBlockingQueue<>();

        Recording(McpClientTransport delegate) {
            this.delegate = delegate;
        }

        Object nextToolCallId() throws InterruptedException {
            Object id = toolCallIds.poll(30, TimeUnit.SECONDS);
            if (id == null) throw new AssertionError("no tools/call request was sent within 30 s");
            return id;
        }

        void cancel(Object requestId) {
            delegate.sendMessage(new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION, "notifications/cancelled",
                    Map.of("requestId", requestId, "reason", "the test cancels it"))).block();
        }

        @Override
        public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
            return delegate.connect(handler);
        }

        @Override
        public void setExceptionHandler(Consumer<Throwable> handler) {
            delegate.setExceptionHandler(handler);
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            if (message instanceof McpSchema.JSONRPCRequest request && "tools/call".equals(request.method())) toolCallIds.add(request.id());
            return delegate.sendMessage(message);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return delegate.closeGracefully();
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return delegate.unmarshalFrom(data, typeRef);
        }

        @Override
        public List<String> protocolVersions() {
            return delegate.protocolVersions();
        }
    }
}

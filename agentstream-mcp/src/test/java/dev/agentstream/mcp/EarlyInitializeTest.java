package dev.agentstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.ToolRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The answers {@link EarlyInitialize} writes before a stdio server exists are the server's own, byte for byte, and
 * the server then goes on as if it had written them; what it does not take reaches the server untouched.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EarlyInitializeTest {

    /** Instructions with notes that need escaping, as bash's sandbox summary is added to them. */
    private static final McpOptions OPTIONS = McpOptions.of(new ToolRegistry().register(new ImageTestTool()))
            .withVersion("1.2.3-test").withNotes(" bash runs in \"a sandbox\": é ✓\nsecond line\r\n ");
    private static final String INITIALIZED = """
            {"jsonrpc":"2.0","method":"notifications/initialized"}""";
    private static final String TOOLS_LIST = """
            {"jsonrpc":"2.0","id":99,"method":"tools/list"}""";
    /** A probe at a revision newer than this server speaks: it falls back to initialize. */
    private static final String DISCOVER = """
            {"jsonrpc":"2.0","id":1,"method":"server/discover","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2027-01-01",\
            "io.modelcontextprotocol/clientInfo":{"name":"mcp","version":"0.1.0"},"io.modelcontextprotocol/clientCapabilities":{}}}}""";

    @ParameterizedTest
    @ValueSource(strings = {
            // every version the SDK speaks, the newest the spec has (which it does not), one from the future, and nonsense
            """
            {"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2024-11-05","capabilities":{},"clientInfo":{"name":"c","version":"1"}}}""",
            """
            {"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-03-26","capabilities":{},"clientInfo":{"name":"c","version":"1"}}}""",
            """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},\
            "clientInfo":{"name":"agentstream-aot-training","version":"1"}}}""",
            """
            {"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{"roots":{},"elicitation":{}},\
            "clientInfo":{"name":"claude-code","title":"Claude Code","version":"2.1.197"}},"jsonrpc":"2.0","id":0}""",
            """
            {"jsonrpc":"2.0","id":2,"method":"initialize","params":{"protocolVersion":"2026-07-28","capabilities":{},"clientInfo":{"name":"mcp","version":"0.1.0"}}}""",
            """
            {"jsonrpc":"2.0","id":"a-7","method":"initialize","params":{"protocolVersion":"2030-01-01",\
            "capabilities":{"roots":{"listChanged":true},"sampling":{}},"clientInfo":{"name":"mcp","version":"0.1.0"}}}""",
            """
            {"jsonrpc":"2.0","id":9007199254740993,"method":"initialize","params":{"protocolVersion":"","capabilities":{},\
            "clientInfo":{"name":"c","version":"1"}}}""",
            // clients' self-descriptions
            """
            {"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{"roots":{}},\
            "clientInfo":{"name":"Clàude ✓ \\"code\\"","title":"Claude Code","version":"2.1.197","description":"a coding agent",\
            "websiteUrl":"https://example.com/client"}}}""",
            """
            {"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},\
            "clientInfo":{"name":"inspector","version":"0.17.0"}}}""",
            """
            {"jsonrpc":"2.0","id":-3,"method":"initialize","params":{"capabilities":{"elicitation":{}},"protocolVersion":"2025-03-26",\
            "clientInfo":{"name":"c","version":"1","title":null}}}"""})
    void answersInitializeBeforeTheServerExistsWithTheServersOwnBytes(String initialize) throws Exception {
        List<String> expected = serverOnly(List.of(initialize, INITIALIZED, TOOLS_LIST));

        Pipe input = new Pipe();
        Lines output = new Lines();
        EarlyInitialize early = EarlyInitialize.start(input, output);
        early.serverKnown(OPTIONS.version(), OPTIONS.notes());
        input.send(initialize);
        String answer = output.next();
        assertThat(early.answered()).as("answered with no server").isEqualTo(1);
        assertThat(answer).isEqualTo(expected.getFirst());

        try (StdioMcpServer server = StdioMcpServer.start(OPTIONS, early, output)) {
            input.send(INITIALIZED);
            input.send(TOOLS_LIST);
            // The server read initialize too (tools/list needs the session initialized) and did not answer it again.
            assertThat(output.next()).isEqualTo(expected.get(1));
            assertThat(output.pending()).isEmpty();
            input.end();
        }
    }

    @Test
    void leavesAProbeAtTheStatelessRevisionToTheModernServerWhichAnswersOnTheSameStreams() throws Exception {
        String discover = DISCOVER.replace("2027-01-01", ModernAssembly.VERSION);
        String toolsList = """
                {"jsonrpc":"2.0","id":2,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28",\
                "io.modelcontextprotocol/clientCapabilities":{}}}}""";
        Pipe input = new Pipe();
        Lines output = new Lines();
        EarlyInitialize early = EarlyInitialize.start(input, output);
        early.serverKnown(OPTIONS.version(), OPTIONS.notes());
        input.send(discover);
        assertThat(early.modernEra()).isTrue();
        assertThat(early.answered()).as("nothing answered before the modern server").isZero();

        try (StdioMcpServer server = StdioMcpServer.start(OPTIONS, early, output)) {
            JsonNode discovered = EventJson.mapper().readTree(output.next());
            assertThat(discovered.path("id").asInt()).isEqualTo(1);
            List<String> versions = new ArrayList<>();
            discovered.path("result").path("supportedVersions").forEach(v -> versions.add(v.asText()));
            assertThat(versions).containsAll(EarlyInitialize.legacyVersions()).endsWith(ModernAssembly.VERSION);
            assertThat(discovered.path("result").path("instructions").asText()).contains("second line");
            input.send(toolsList);
            JsonNode tools = EventJson.mapper().readTree(output.next());
            assertThat(tools.path("result").path("tools").get(0).path("name").asText()).isEqualTo(new ImageTestTool().spec().name());
            input.send("""
                    {"jsonrpc":"2.0","id":3,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"c","version":"1"}}}""");
            JsonNode refused = EventJson.mapper().readTree(output.next());
            // The era is settled: a later handshake learns the version to probe again at.
            assertThat(refused.path("id").asInt()).isEqualTo(3);
            assertThat(refused.path("error").path("code").asInt()).isEqualTo(-32022);
            assertThat(refused.path("error").path("data").path("supported").toString()).isEqualTo("[\"2026-07-28\"]");
            assertThat(refused.path("error").path("message").asText()).contains("server/discover");
            input.end();
            server.awaitClientGone();
        }
    }

    @Test
    void answersAProbeAtARevisionItDoesNotSpeakAndThenTheInitializeAsTheServerWould() throws Exception {
        String initialize = """
                {"jsonrpc":"2.0","id":2,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"mcp","version":"0.1.0"}}}""";
        List<String> expected = serverOnly(List.of(DISCOVER, initialize, INITIALIZED, TOOLS_LIST));
        assertThat(expected.getFirst()).contains("\"code\":-32601");

        Pipe input = new Pipe();
        Lines output = new Lines();
        EarlyInitialize early = EarlyInitialize.start(input, output);
        early.serverKnown(OPTIONS.version(), OPTIONS.notes());
        input.send(DISCOVER);
        assertThat(output.next()).isEqualTo(expected.getFirst());
        input.send(initialize);
        assertThat(output.next()).isEqualTo(expected.get(1));
        assertThat(early.answered()).isEqualTo(2);

        try (StdioMcpServer server = StdioMcpServer.start(OPTIONS, early, output)) {
            input.send(INITIALIZED);
            input.send(TOOLS_LIST);
            assertThat(output.next()).isEqualTo(expected.get(2));
            assertThat(output.pending()).isEmpty();
            input.end();
        }
    }

    @Test
    void waitsForTheServerWhenTheCommandLineDidNotTellWhoItIs() throws Exception {
        String initialize = """
                {"jsonrpc":"2.0","id":5,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"c","version":"1"}}}""";
        List<String> expected = serverOnly(List.of(initialize, INITIALIZED, TOOLS_LIST));

        Pipe input = new Pipe();
        Lines output = new Lines();
        EarlyInitialize early = EarlyInitialize.start(input, output);
        input.send(initialize);
        input.send(INITIALIZED);
        input.send(TOOLS_LIST);
        try (StdioMcpServer server = StdioMcpServer.start(OPTIONS, early, output)) {
            assertThat(List.of(output.next(), output.next())).isEqualTo(expected);
            assertThat(early.answered()).isEqualTo(1);
            input.end();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // not initialize, or not a request
            """
            {"jsonrpc":"2.0","id":1,"method":"ping"}""",
            """
            {"jsonrpc":"2.0","id":1,"method":"tools/list"}""",
            """
            {"jsonrpc":"2.0","method":"notifications/initialized"}""",
            """
            [{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"c","version":"1"}}}]""",
            // initialize in a shape the fast path leaves to Jackson, or that the SDK fails on its own way
            """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{"experimental":{"x":{}}},"clientInfo":{"name":"c","version":"1"}}}""",
            """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"c","version":"1"},"_meta":{"k":1}}}""",
            """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{},"clientInfo":{"name":"c","version":"1"}}}""",
            """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"c"}}}""",
            """
            {"jsonrpc":"2.0","id":1,"method":"initialize"}""",
            """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","clientInfo":{"name":"c","version":"1"}}}""",
            """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{}}}""",
            """
            {"jsonrpc":"2.0","id":null,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"c","version":"1"}}}""",
            """
            {"jsonrpc":"2.0","id":1.5,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"c","version":"1"}}}""",
            """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"c","version":"1"}}} trailing""",
            """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"c","version":"1"}}}\r""",
            """
            {"jsonrpc":"2.0","id":1,"method":"initial""",
            ""})
    void leavesAnythingElseToTheServerUntouched(String first) throws Exception {
        Pipe input = new Pipe();
        Lines output = new Lines();
        EarlyInitialize early = EarlyInitialize.start(input, output);
        early.serverKnown(OPTIONS.version(), OPTIONS.notes());
        String rest = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\",\"params\":{}}\nmore";
        input.send(first);
        input.sendRaw(rest);
        input.end();

        byte[] handedOver = early.input().readAllBytes();
        assertThat(new String(handedOver, StandardCharsets.UTF_8)).isEqualTo(first + "\n" + rest);
        assertThat(early.answered()).isZero();
        assertThat(output.pending()).isEmpty();
    }

    @Test
    void handsTheServerEverythingReadIncludingWhatItAnswered() throws Exception {
        Pipe input = new Pipe();
        Lines output = new Lines();
        EarlyInitialize early = EarlyInitialize.start(input, output);
        early.serverKnown(OPTIONS.version(), OPTIONS.notes());
        String initialize = """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"c","version":"1"}}}""";
        input.send(DISCOVER);
        output.next();
        input.sendRaw(initialize + "\n" + INITIALIZED + "\n" + TOOLS_LIST.substring(0, 10));
        output.next();
        input.sendRaw(TOOLS_LIST.substring(10) + "\n");
        input.end();
        assertThat(new String(early.input().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo(DISCOVER + "\n" + initialize + "\n" + INITIALIZED + "\n" + TOOLS_LIST + "\n");
    }

    @Test
    void aServerAnswerThatIsNotTheOneSentEarlyIsStillNotSentTwice() throws Exception {
        String initialize = """
                {"jsonrpc":"2.0","id":3,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"c","version":"1"}}}""";
        Pipe input = new Pipe();
        Lines output = new Lines();
        EarlyInitialize early = EarlyInitialize.start(input, output);
        early.serverKnown("0.0.0-predicted", OPTIONS.notes());
        input.send(initialize);
        assertThat(output.next()).contains("0.0.0-predicted");
        try (StdioMcpServer server = StdioMcpServer.start(OPTIONS, early, output)) {
            input.send(INITIALIZED);
            input.send(TOOLS_LIST);
            assertThat(output.next()).contains("\"id\":99");
            assertThat(output.pending()).isEmpty();
            input.end();
        }
    }

    /** The answers a server started on its own writes to {@code lines}, sent one by one, each request once answered. */
    private static List<String> serverOnly(List<String> lines) throws Exception {
        Pipe input = new Pipe();
        Lines output = new Lines();
        List<String> answers = new ArrayList<>();
        try (StdioMcpServer server = StdioMcpServer.start(OPTIONS, input, output)) {
            for (String line : lines) {
                input.send(line);
                if (line.contains("\"id\"")) answers.add(output.next());
            }
            input.end();
        }
        return answers;
    }

    /** An input any thread may write to and another read from, unlike a piped stream (which ties each end to one thread). */
    private static final class Pipe extends InputStream {
        private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int position;
        private boolean ended;

        void send(String line) {
            sendRaw(line + "\n");
        }

        void sendRaw(String text) {
            if (!text.isEmpty()) chunks.add(text.getBytes(StandardCharsets.UTF_8));
        }

        void end() {
            chunks.add(new byte[0]);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) return 0;
            while (!ended && position == current.length) {
                try {
                    current = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
                position = 0;
                if (current.length == 0) ended = true;
            }
            if (ended) return -1;
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }
    }

    /** The lines written to it, as they are completed. */
    private static final class Lines extends OutputStream {
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(partial.toString(StandardCharsets.UTF_8));
                partial.reset();
            } else {
                partial.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) write(bytes[i]);
        }

        /** The next line; a generous wait, as a guard against a hang rather than a measure of speed. */
        String next() throws InterruptedException {
            String line = lines.poll(60, TimeUnit.SECONDS);
            assertThat(line).as("a line written").isNotNull();
            return line;
        }

        List<String> pending() {
            return List.copyOf(lines);
        }
    }
}

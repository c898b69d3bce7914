package dev.agentstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.core.ToolRegistry;
import dev.agentstream.tools.bash.BashTool;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server over Streamable HTTP on loopback, in this JVM. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class McpHttpServerTest extends McpServerContract {

    private static HttpMcpServer server;

    @BeforeAll
    static void start() throws Exception {
        ToolRegistry registry = new ToolRegistry().register(new BashTool()).register(new ImageTestTool());
        server = HttpMcpServer.start(McpOptions.of(registry), "127.0.0.1", 0);
    }

    @AfterAll
    @Timeout(30)
    static void stop() {
        server.close();
    }

    @Override
    TestClient connect() {
        TestClient client = TestClient.http(server.endpoint());
        client.client.initialize();
        return client;
    }

    @Test
    void endingTheSessionEndsItsShell() throws Exception {
        long shell;
        try (TestClient c = connect()) {
            String text = TestClient.text(c.call("bash", Map.of("command", "echo $$")));
            shell = Long.parseLong(text.lines().findFirst().orElseThrow().strip());
            assertThat(TestClient.running(shell)).isTrue();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (TestClient.running(shell) && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(TestClient.running(shell)).as("the session's bash (pid %d) is gone", shell).isFalse();
    }

    @Test
    void aPageFromAnotherOriginIsRefused() throws Exception {
        assertThat(initializeFrom("http://evil.example").statusCode()).isEqualTo(403);
        assertThat(initializeFrom("http://localhost:6274").statusCode()).isEqualTo(200);
    }

    @Test
    void aRebindedHostNameIsRefused() throws Exception {
        // java.net.http will not send a Host of our choosing: write the request by hand.
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        try (Socket socket = new Socket("127.0.0.1", server.endpoint().getPort())) {
            socket.getOutputStream().write(("POST /mcp HTTP/1.1\r\nHost: attacker.example:" + server.endpoint().getPort()
                    + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: "
                    + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 421");
        }
    }

    @Test
    void metricsCountTheCallsByToolAndOutcome() throws Exception {
        try (TestClient c = connect()) {
            c.call("bash", Map.of("command", "echo metrics-probe"));
            c.call("bash", Map.of("command", "exit 3"));
        }
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.endpoint().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        // Other tests of this class call bash too: the counts are at least this test's.
        assertThat(counter(metrics.body(), "agentstream_tool_calls_total{outcome=\"ok\",tool=\"bash\"}")).isGreaterThanOrEqualTo(1);
        assertThat(counter(metrics.body(), "agentstream_tool_calls_total{outcome=\"error\",tool=\"bash\"}")).isGreaterThanOrEqualTo(1);
        assertThat(counter(metrics.body(), "agentstream_tool_output_bytes_total{tool=\"bash\"}")).isGreaterThanOrEqualTo("metrics-probe\n".length());
        assertThat(metrics.body()).contains("agentstream_tool_duration_seconds_bucket").contains("agentstream_tool_first_output_seconds_count")
                .contains("agentstream_sessions_open");

        HttpResponse<String> fromAnotherSite = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.endpoint().resolve("/metrics"))
                .header("Origin", "http://evil.example").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fromAnotherSite.statusCode()).isEqualTo(403);
    }

    @Test
    void onTheWireTheRefusalNoticeComesBeforeTheResult() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> initialized = http.send(initialize(null).build(), HttpResponse.BodyHandlers.ofString());
        String session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(http, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        post(http, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"warning\"}}");

        String stream = post(http, session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"bash\",\"arguments\":{\"command\":\"rm -rf /\"}}}").body();

        int notice = stream.indexOf("\"method\":\"notifications/message\"");
        int result = stream.indexOf("\"id\":3,\"result\"");
        assertThat(notice).as("the warning in the call's stream:%n%s", stream).isNotNegative();
        assertThat(result).as("the result in the call's stream:%n%s", stream).isGreaterThan(notice);
        assertThat(stream).contains("The safety policy refused a bash command");
    }

    private static HttpResponse<String> post(HttpClient http, String session, String message) throws Exception {
        return http.send(HttpRequest.newBuilder(server.endpoint())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", "2025-06-18")
                .POST(HttpRequest.BodyPublishers.ofString(message)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double counter(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " ")).mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(series + " is not in\n" + scrape));
    }

    private static HttpResponse<String> initializeFrom(String origin) throws Exception {
        return HttpClient.newHttpClient().send(initialize(origin).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder initialize(String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.endpoint())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
                        "capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}"""));
        if (origin != null) request.header("Origin", origin);
        return request;
    }

}

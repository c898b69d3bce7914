package dev.agentstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstream.core.ToolRegistry;
import dev.agentstream.tools.bash.BashTool;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The server bound to every interface, so off loopback in its own eyes: only requests with the token get through. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class McpHttpAuthTest {

    private static final BearerToken TOKEN = BearerToken.generate();
    private static HttpMcpServer server;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        ToolRegistry registry = new ToolRegistry().register(new BashTool());
        server = HttpMcpServer.start(McpOptions.of(registry), new HttpAccess("0.0.0.0", 0, Optional.of(TOKEN), List.of("devbox.lan")));
    }

    @AfterAll
    @Timeout(30)
    static void stop() {
        server.close();
    }

    @Test
    void offLoopbackNoServerStartsWithoutAToken() {
        assertThatThrownBy(() -> new HttpAccess("0.0.0.0", 0, Optional.empty(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bearer token");
        assertThat(HttpAccess.loopback("127.0.0.1", 0).isLoopback()).isTrue();
        assertThat(HttpAccess.loopback("localhost", 0).token()).isEmpty();
    }

    @Test
    void itKnowsItIsBoundToEveryInterfaceAndNamesEach() throws Exception {
        assertThat(server.boundAddress().getAddress().isAnyLocalAddress()).isTrue();
        assertThat(server.access().isLoopback()).isFalse();
        List<String> hosts = server.endpoints().stream().map(URI::getHost).toList();
        assertThat(hosts).contains("127.0.0.1");
        for (InetAddress address : HttpAccess.interfaceAddresses()) {
            if (address instanceof Inet4Address) assertThat(hosts).contains(address.getHostAddress());
        }
    }

    @Test
    void aRequestWithoutTheTokenGets401WithABearerChallengeAndAJsonBody() throws Exception {
        HttpResponse<String> response = send(initialize());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"agentstream\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(response.body()).startsWith("{\"error\":\"unauthorized\"").contains("Authorization: Bearer TOKEN").doesNotContain("Exception");
    }

    @Test
    void aWrongTokenGets401InvalidToken() throws Exception {
        HttpResponse<String> response = send(initialize().header("Authorization", "Bearer " + BearerToken.generate().value()));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                assertThat(v).startsWith("Bearer realm=\"agentstream\", error=\"invalid_token\""));
        assertThat(response.body()).startsWith("{\"error\":\"invalid_token\"");
        assertThat(send(initialize().header("Authorization", "Basic " + TOKEN.value())).statusCode()).isEqualTo(401);
        assertThat(send(initialize().header("Authorization", "Bearer " + TOKEN.value() + "x")).statusCode()).isEqualTo(401);
    }

    @Test
    void theRightTokenWorksForTheJavaSdkClient() {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(base(server.endpoint()))
                .endpoint(HttpMcpServer.ENDPOINT)
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + TOKEN.value()))
                .build()).requestTimeout(Duration.ofSeconds(60)).build();
        try {
            client.initialize();
            assertThat(client.listTools().tools()).extracting(t -> t.name()).contains("bash");
            String text = TestClient.text(client.callTool(new io.modelcontextprotocol.spec.McpSchema.CallToolRequest("bash", Map.of("command", "echo authorized"))));
            assertThat(text).contains("authorized");
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void theHostCheckStaysOnAndAllowsTheNamesGiven() throws Exception {
        assertThat(statusWithHost("attacker.example")).startsWith("HTTP/1.1 421");
        assertThat(statusWithHost("devbox.lan")).startsWith("HTTP/1.1 200");
        assertThat(statusWithHost("localhost")).startsWith("HTTP/1.1 200");
        for (InetAddress address : HttpAccess.interfaceAddresses()) {
            if (address instanceof Inet4Address) assertThat(statusWithHost(address.getHostAddress())).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void ipv6AddressesAreWrittenAsClientsWriteThem() {
        assertThat(HttpAccess.hostLiteral("0:0:0:0:0:0:0:1")).isEqualTo("[::1]");
        assertThat(HttpAccess.hostLiteral("fd00:0:0:0:0:0:0:2")).isEqualTo("[fd00::2]");
        assertThat(HttpAccess.hostLiteral("fe80:0:0:0:1:0:0:5%eth0")).isEqualTo("[fe80::1:0:0:5]");
        assertThat(HttpAccess.hostLiteral("2001:db8:0:1:1:1:1:1")).isEqualTo("[2001:db8:0:1:1:1:1:1]");
        assertThat(HttpAccess.hostLiteral("DevBox.LAN")).isEqualTo("devbox.lan");
    }

    @Test
    void tokensComeFromAFileOrTheEnvironmentAndMustBeFitForAHeader() throws Exception {
        Path file = Files.writeString(tmp.resolve("token"), "abcdefghijklmnop0123456789\n");
        BearerToken fromFile = BearerToken.fromFile(file);
        assertThat(fromFile.acceptedIn("Bearer abcdefghijklmnop0123456789")).isTrue();
        assertThat(fromFile.acceptedIn("bearer  abcdefghijklmnop0123456789 ")).isTrue();
        assertThat(fromFile.acceptedIn("Bearer abcdefghijklmnop012345678")).isFalse();
        assertThat(fromFile.acceptedIn(null)).isFalse();
        assertThat(fromFile.toString()).doesNotContain("abcdef");
        assertThat(BearerToken.fromEnvironment("T", Map.of("T", "zyxwvutsrqponmlkjih")).acceptedIn("Bearer zyxwvutsrqponmlkjih")).isTrue();
        assertThatThrownBy(() -> BearerToken.fromEnvironment("T", Map.of())).hasMessageContaining("T is not set");
        assertThatThrownBy(() -> BearerToken.of("short", "the file f")).hasMessageContaining("at least 16");
        assertThatThrownBy(() -> BearerToken.of("has a space inside it!", "the file f")).hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> BearerToken.fromFile(tmp.resolve("missing"))).hasMessageContaining("cannot be read");
        assertThat(BearerToken.generate().value()).isNotEqualTo(BearerToken.generate().value()).hasSize(43);
    }

    /** java.net.http will not send a Host of our choosing: the request is written by hand. */
    private static String statusWithHost(String host) throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
        try (Socket socket = new Socket("127.0.0.1", server.endpoint().getPort())) {
            socket.getOutputStream().write(("POST /mcp HTTP/1.1\r\nHost: " + host + ":" + server.endpoint().getPort()
                    + "\r\nAuthorization: Bearer " + TOKEN.value()
                    + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: "
                    + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder initialize() {
        return HttpRequest.newBuilder(server.endpoint())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
                        "capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}"""));
    }

    private static String base(URI endpoint) {
        return endpoint.getScheme() + "://" + endpoint.getAuthority();
    }
}

package dev.agentstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.tools.bash.BashTool;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every HTTP error answer is a JSON-RPC error body with the right code and one sentence; no Java exception. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class McpHttpErrorBodiesTest {

    private static HttpMcpServer server;

    @BeforeAll
    static void start() throws Exception {
        server = HttpMcpServer.start(McpOptions.of(new ToolRegistry().register(new BashTool())), "127.0.0.1", 0);
    }

    @AfterAll
    @Timeout(30)
    static void stop() {
        server.close();
    }

    @Test
    void aRequestWithoutASessionIdIsAnInvalidRequestNamingTheHeader() throws Exception {
        JsonNode error = errorOf(send(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")), 400);
        assertThat(error.path("code").asInt()).isEqualTo(-32600);
        assertThat(error.path("message").asText()).contains("no Mcp-Session-Id header").contains("initialize");
        JsonNode get = errorOf(send(HttpRequest.newBuilder(server.endpoint()).header("Accept", "text/event-stream").GET()), 400);
        assertThat(get.path("code").asInt()).isEqualTo(-32600);
    }

    @Test
    void anUnknownSessionIsNamed() throws Exception {
        JsonNode error = errorOf(send(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}").header("Mcp-Session-Id", "no-such-session")), 404);
        assertThat(error.path("code").asInt()).isEqualTo(-32001);
        assertThat(error.path("message").asText()).contains("There is no session no-such-session").contains("initialize");
    }

    @Test
    void aBodyThatIsNotJsonIsAParseError() throws Exception {
        JsonNode error = errorOf(send(post("{not json")), 400);
        assertThat(error.path("code").asInt()).isEqualTo(-32700);
        assertThat(error.path("message").asText()).contains("not a JSON-RPC message");
    }

    @Test
    void refusedOriginsAnswerInJsonRpcToo() throws Exception {
        HttpResponse<String> response = send(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}}").header("Origin", "http://evil.example"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("stackTrace").doesNotContain("Exception");
        if (!response.body().isEmpty()) assertThat(EventJson.mapper().readTree(response.body()).path("jsonrpc").asText()).isEqualTo("2.0");
    }

    private static JsonNode errorOf(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(response.body()).doesNotContain("stackTrace").doesNotContain("Exception").hasSizeLessThan(400);
        JsonNode body = EventJson.mapper().readTree(response.body());
        assertThat(body.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(body.has("id")).isTrue();
        return body.path("error");
    }

    private static HttpRequest.Builder post(String json) {
        return HttpRequest.newBuilder(server.endpoint())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

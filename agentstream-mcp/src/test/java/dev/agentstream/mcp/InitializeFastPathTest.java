package dev.agentstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path for a client's connect gives what Jackson's data binding gives, byte for byte and record for record. */
class InitializeFastPathTest {

    private final McpJsonMapper jackson = new JacksonMcpJsonMapper(new ObjectMapper());
    private final AtomicInteger jacksonCalls = new AtomicInteger();
    private final McpJsonMapper fast = new InitializeFastPath(() -> {
        jacksonCalls.incrementAndGet();
        return jackson;
    }, new JsonFactory());

    private static final TypeRef<HashMap<String, Object>> MESSAGE = new TypeRef<>() {};
    private static final TypeRef<McpSchema.InitializeRequest> INITIALIZE = new TypeRef<>() {};

    @ParameterizedTest
    @ValueSource(strings = {
            // what clients send first
            """
            {"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"c","version":"1"}}}""",
            """
            {"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{"roots":{},"elicitation":{}},\
            "clientInfo":{"name":"claude-code","title":"Claude Code","version":"2.1.197"}},"jsonrpc":"2.0","id":0}""",
            """
            {"jsonrpc":"2.0","id":"a-7","method":"initialize","params":{"protocolVersion":"2024-11-05",\
            "capabilities":{"roots":{"listChanged":true},"sampling":{}},"clientInfo":{"name":"mcp","version":"0.1.0"}}}""",
            """
            {"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{"roots":{}},\
            "clientInfo":{"name":"claude-code","title":"Claude Code","version":"2.1.197","description":"a coding agent",\
            "websiteUrl":"https://example.com/client"}}}""",
            """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"title":"no name"}}}""",
            """
            {"jsonrpc":"2.0","method":"notifications/initialized"}""",
            """
            {"jsonrpc":"2.0","id":2,"method":"tools/list","params":{}}""",
            // any message at all: nesting, arrays, escapes, big and negative numbers, null, duplicate keys
            """
            {"jsonrpc":"2.0","id":9007199254740993,"method":"tools/call","params":{"name":"bash","arguments":\
            {"command":"echo \\"h\\u00e9\\" \\n","timeout":-5,"big":123456789012345678901234567890,"list":[1,[2,{}],[],null,true,false],\
            "nothing":null},"_meta":{"progressToken":"p"}},"id":3}""",
            """
            {"jsonrpc":"2.0","id":1,"result":{"roots":[{"uri":"file:///tmp","name":"tmp"}]}}""",
            // what the fast path leaves to Jackson, which must still give its own answer
            """
            {"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"computer","arguments":{"action":"wait","duration":0.5}}}""",
            """
            {"jsonrpc":"2.0","id":5,"method":"ping"} trailing""",
            """
            {"jsonrpc":"2.0","id":6,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{"experimental":{"x":{}},\
            "elicitation":{"form":{},"url":{}}},"clientInfo":{"name":"c","version":"1","icons":[]}},"extra":1}""",
            """
            {"jsonrpc":2,"id":[1],"method":{"a":1}}"""})
    void readsAndConvertsEveryMessageAsJacksonDoes(String line) throws Exception {
        HashMap<String, Object> expected = jackson.readValue(line, MESSAGE);
        HashMap<String, Object> actual = fast.readValue(line, MESSAGE);
        assertThat(actual).isEqualTo(expected).isInstanceOf(HashMap.class);
        assertThat(sameNumberTypes(actual, expected)).isTrue();

        McpSchema.JSONRPCMessage expectedMessage = deserialize(jackson, line);
        McpSchema.JSONRPCMessage actualMessage = deserialize(fast, line);
        assertThat(actualMessage).isEqualTo(expectedMessage);
        if (actualMessage instanceof McpSchema.JSONRPCRequest request && "initialize".equals(request.method())) {
            Object params = request.params();
            assertThat(result(() -> fast.convertValue(params, INITIALIZE))).isEqualTo(result(() -> jackson.convertValue(params, INITIALIZE)));
        }
    }

    @Test
    void takesTheCommonConnectWithoutJackson() throws Exception {
        String line = """
                {"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
                "capabilities":{"roots":{"listChanged":true},"sampling":{},"elicitation":{}},\
                "clientInfo":{"name":"claude-code","title":"Claude Code","version":"2.1.197",\
                "description":"a coding agent","websiteUrl":"https://example.com/client"}}}""";
        var request = (McpSchema.JSONRPCRequest) McpSchema.deserializeJsonRpcMessage(fast, line);
        McpSchema.InitializeRequest initialize = fast.convertValue(request.params(), INITIALIZE);
        fast.writeValueAsString(new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, request.id(), result(initialize.protocolVersion(),
                McpSchema.ServerCapabilities.builder().tools(false).logging().build(), "hello"), null));
        McpSchema.deserializeJsonRpcMessage(fast, """
                {"jsonrpc":"2.0","method":"notifications/initialized"}""");

        assertThat(jacksonCalls).hasValue(0);
        assertThat(initialize).isEqualTo(jackson.convertValue(request.params(), INITIALIZE));
    }

    @Test
    void writesInitializeAnswersByteForByteAsJacksonDoes() throws Exception {
        List<McpSchema.ServerCapabilities> capabilities = List.of(
                McpSchema.ServerCapabilities.builder().tools(false).logging().build(),
                McpSchema.ServerCapabilities.builder().tools(true).build(),
                McpSchema.ServerCapabilities.builder().completions().prompts(true).resources(true, false).build(),
                new McpSchema.ServerCapabilities(null, null, null, null, null, new McpSchema.ServerCapabilities.ToolCapabilities(null), null),
                McpSchema.ServerCapabilities.builder().experimental(Map.of("x", Map.of())).build());
        List<String> instructions = new ArrayList<>(List.of("", "Use \"bash\" for shells.\nLine two: é ✓ \u0001 </script>"));
        instructions.add(null);
        List<Object> ids = List.of(0, 7L, "id-\"quoted\"", Long.MAX_VALUE);
        int compared = 0;
        for (McpSchema.ServerCapabilities caps : capabilities) {
            for (String text : instructions) {
                for (Object id : ids) {
                    var response = new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, id, result("2025-06-18", caps, text), null);
                    assertThat(fast.writeValueAsString(response)).isEqualTo(jackson.writeValueAsString(response));
                    compared++;
                }
            }
        }
        var titled = new McpSchema.InitializeResult("2025-11-25", capabilities.getFirst(),
                new McpSchema.Implementation("agentstream", "Agent Stream", "0.1.0"), null, Map.of("k", "v"));
        var bare = new McpSchema.InitializeResult("2025-06-18", McpSchema.ServerCapabilities.builder().build(),
                new McpSchema.Implementation("agentstream", "0.1.0"), "x");
        for (var result : List.of(titled, bare)) {
            var response = new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, 1, result, null);
            assertThat(fast.writeValueAsString(response)).isEqualTo(jackson.writeValueAsString(response));
            compared++;
        }
        assertThat(compared).isEqualTo(capabilities.size() * instructions.size() * ids.size() + 2);
    }

    @Test
    void writesErrorAnswersWithoutDataByteForByteAsJacksonDoes() throws Exception {
        List<McpSchema.JSONRPCResponse.JSONRPCError> errors = List.of(
                new McpSchema.JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.METHOD_NOT_FOUND, "Method not found: server/discover", null),
                new McpSchema.JSONRPCResponse.JSONRPCError(-32022, "Say \"why\"\nin two lines: é ✓", null),
                new McpSchema.JSONRPCResponse.JSONRPCError(0, "", null),
                new McpSchema.JSONRPCResponse.JSONRPCError(-32602, "with data", Map.of("k", List.of(1, "v"))));
        for (var error : errors) {
            for (Object id : List.of(1, Long.MIN_VALUE, "id-\"q\"")) {
                var response = new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, id, null, error);
                assertThat(fast.writeValueAsString(response)).isEqualTo(jackson.writeValueAsString(response));
            }
        }
        jacksonCalls.set(0);
        fast.writeValueAsString(new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, 1, null, errors.getFirst()));
        assertThat(jacksonCalls).hasValue(0);
    }

    @Test
    void leavesBadInputToJacksonsOwnErrors() {
        assertThatThrownBy(() -> fast.readValue("{\"jsonrpc\":", MESSAGE))
                .isInstanceOf(jacksonError(() -> jackson.readValue("{\"jsonrpc\":", MESSAGE)).getClass())
                .hasMessage(jacksonError(() -> jackson.readValue("{\"jsonrpc\":", MESSAGE)).getMessage());
        assertThatThrownBy(() -> fast.readValue("[1,2]", MESSAGE)).hasMessage(jacksonError(() -> jackson.readValue("[1,2]", MESSAGE)).getMessage());
    }

    private static McpSchema.InitializeResult result(String version, McpSchema.ServerCapabilities caps, String instructions) {
        return new McpSchema.InitializeResult(version, caps, new McpSchema.Implementation("agentstream", "0.1.0"), instructions);
    }

    private static McpSchema.JSONRPCMessage deserialize(McpJsonMapper mapper, String line) {
        return result(() -> McpSchema.deserializeJsonRpcMessage(mapper, line)) instanceof McpSchema.JSONRPCMessage m ? m : null;
    }

    /** What a call returns, or its exception's class and message (a failure must be the same failure). */
    private static Object result(Attempt attempt) {
        try {
            return attempt.run();
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static Exception jacksonError(Attempt attempt) {
        try {
            attempt.run();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("Jackson accepted it");
    }

    /** Integer stays Integer and Long stays Long, not merely equal-looking numbers. */
    private static boolean sameNumberTypes(Object a, Object b) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            return ma.keySet().stream().allMatch(k -> sameNumberTypes(ma.get(k), mb.get(k))) && ma.getClass() == mb.getClass();
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            for (int i = 0; i < la.size(); i++) {
                if (!sameNumberTypes(la.get(i), lb.get(i))) return false;
            }
            return true;
        }
        return a == null ? b == null : a.getClass() == b.getClass();
    }

    @FunctionalInterface
    private interface Attempt {
        Object run() throws Exception;
    }
}

package dev.agentstream.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.modern.JsonRpc;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpRequestManager;
import io.modelcontextprotocol.modern.server.McpTransportResponse;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The modern server of a stdio connection whose first message settled it at 2026-07-28. An {@code initialize}
 * that comes later (a client whose {@code server/discover} timed out on its side while this server started, and
 * which fell back to the handshake) is answered -32022 naming the modern version, which tells the client to probe
 * again at that version, as the Python SDK does; the modern server itself would only say that {@code _meta} is
 * missing. Every other message goes to the modern server.
 */
final class SettledEraRequests implements McpRequestManager {

    private static final String INITIALIZE = "initialize";

    private final McpRequestManager modern;

    SettledEraRequests(McpRequestManager modern) {
        this.modern = modern;
    }

    @Override
    public Mono<McpTransportResponse> handle(McpTransportContext context, JsonRpc.JSONRPCRequest request) {
        return INITIALIZE.equals(request.method()) ? Mono.just(refusal(request)) : modern.handle(context, request);
    }

    @Override
    public Mono<McpTransportResponse> handleBlocking(McpTransportContext context, JsonRpc.JSONRPCRequest request) {
        return INITIALIZE.equals(request.method()) ? Mono.just(refusal(request)) : modern.handleBlocking(context, request);
    }

    @Override
    public Mono<Void> handleNotification(McpTransportContext context, JsonRpc.JSONRPCNotification notification) {
        return modern.handleNotification(context, notification);
    }

    private static McpTransportResponse refusal(JsonRpc.JSONRPCRequest request) {
        String requested = request.params() instanceof Map<?, ?> params && params.get("protocolVersion") instanceof String version
                ? version : null;
        return McpTransportResponse.error(JsonRpc.JSONRPCResponse.error(request.id(), new JsonRpc.JSONRPCResponse.JSONRPCError(
                McpSchema.ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION,
                "This connection speaks MCP protocol " + ModernAssembly.VERSION + " (its first message was of that revision): "
                        + "send server/discover and requests at that version, or start a new connection for initialize.",
                new McpSchema.UnsupportedProtocolVersionData(List.of(ModernAssembly.VERSION), requested))));
    }
}

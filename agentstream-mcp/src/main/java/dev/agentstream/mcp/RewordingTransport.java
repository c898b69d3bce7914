package dev.agentstream.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * A server transport that rewords the SDK's error answers that do not say what was wrong before they are
 * sent: an unknown tool is answered with the fixed text "Unknown tool: invalid_tool_name" whatever the
 * name asked for, which then only appears in the error's data. Everything else passes unchanged.
 */
final class RewordingTransport implements McpStreamableServerTransport {

    private static final String SDK_UNKNOWN_TOOL = "Unknown tool:";
    private static final String SDK_TOOL_NOT_FOUND = "Tool not found: ";

    private final McpServerTransport delegate;

    RewordingTransport(McpServerTransport delegate) {
        this.delegate = delegate;
    }

    /** {@code message}, with an unknown tool's error naming the tool asked for. */
    static McpSchema.JSONRPCMessage reword(McpSchema.JSONRPCMessage message) {
        if (!(message instanceof McpSchema.JSONRPCResponse response) || response.error() == null) return message;
        McpSchema.JSONRPCResponse.JSONRPCError error = response.error();
        if (error.message() == null || !error.message().startsWith(SDK_UNKNOWN_TOOL)) return message;
        String data = error.data() == null ? "" : error.data().toString();
        String name = data.startsWith(SDK_TOOL_NOT_FOUND) ? data.substring(SDK_TOOL_NOT_FOUND.length()) : null;
        String text = name == null
                ? "There is no tool of that name; call tools/list to see the tools this server offers."
                : "There is no tool named '" + name + "'; call tools/list to see the tools this server offers.";
        return new McpSchema.JSONRPCResponse(response.jsonrpc(), response.id(), null,
                new McpSchema.JSONRPCResponse.JSONRPCError(error.code(), text, error.data()));
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return delegate.sendMessage(reword(message));
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
        if (delegate instanceof McpStreamableServerTransport streamable) return streamable.sendMessage(reword(message), messageId);
        return delegate.sendMessage(reword(message));
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return delegate.unmarshalFrom(data, typeRef);
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
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}

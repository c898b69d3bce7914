package dev.agentstream.mcp;

import dev.agentstream.core.StartupTrace;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * A server transport that hands everything to the one it wraps; a subclass changes what is sent by
 * overriding {@link #sendMessage(McpSchema.JSONRPCMessage, String)}, through which every message goes.
 */
abstract class ForwardingTransport implements McpStreamableServerTransport {

    private final McpServerTransport delegate;

    ForwardingTransport(McpServerTransport delegate) {
        this.delegate = delegate;
    }

    @Override
    public final Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return sendMessage(message, null);
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
        return forward(message, messageId);
    }

    /** Sends {@code message} on the wrapped transport, with its SSE event id when the transport has them. */
    protected final Mono<Void> forward(McpSchema.JSONRPCMessage message, String messageId) {
        StartupTrace.mark("sending a message");
        if (messageId != null && delegate instanceof McpStreamableServerTransport streamable) return streamable.sendMessage(message, messageId);
        return delegate.sendMessage(message);
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

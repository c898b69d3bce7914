package dev.agentstream.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The SDK's single-connection (stdio) session with the two things its 2.1.0 server lacks: it passes
 * {@code notifications/cancelled} to no one (only {@code initialized} and {@code roots/list_changed} have
 * handlers), and a tool handler never learns its request's id. This wrapper sees every incoming message
 * first: it turns a cancellation into {@link SessionListener#cancelled}, puts each request's id into the
 * transport context the handler reads, and reports the session's end. Everything else goes to the SDK's
 * own session, which it wraps (it extends the class only because the transport expects that type).
 */
final class TrackingServerSession extends McpServerSession {

    private final McpServerSession inner;
    private final SessionListener listener;

    TrackingServerSession(McpServerSession inner, McpServerTransport transport, SessionListener listener) {
        super(inner.getId(), Duration.ZERO, transport, null, Map.of(), Map.of());
        this.inner = inner;
        this.listener = listener;
    }

    @Override
    public Mono<Void> handle(McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCNotification notification && SessionListener.CANCELLED.equals(notification.method())) {
            listener.cancelled(getId(), SessionListener.requestIdOf(notification.params()));
            return Mono.empty();
        }
        if (message instanceof McpSchema.JSONRPCRequest request) {
            return inner.handle(message).contextWrite(context -> context.put(McpTransportContext.KEY,
                    RequestContext.with(context.getOrDefault(McpTransportContext.KEY, McpTransportContext.EMPTY), request.id())));
        }
        return inner.handle(message);
    }

    @Override
    public String getId() {
        return inner.getId();
    }

    @Override
    public void init(McpSchema.ClientCapabilities clientCapabilities, McpSchema.Implementation clientInfo) {
        inner.init(clientCapabilities, clientInfo);
    }

    @Override
    public void setMinLoggingLevel(McpSchema.LoggingLevel level) {
        inner.setMinLoggingLevel(level);
    }

    @Override
    public boolean isNotificationForLevelAllowed(McpSchema.LoggingLevel level) {
        return inner.isNotificationForLevelAllowed(level);
    }

    @Override
    public <T> Mono<T> sendRequest(String method, Object requestParams, TypeRef<T> typeRef) {
        return inner.sendRequest(method, requestParams, typeRef);
    }

    @Override
    public Mono<Void> sendNotification(String method, Object params) {
        return inner.sendNotification(method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return inner.closeGracefully().doFinally(signal -> listener.ended(getId()));
    }

    @Override
    public void close() {
        try {
            inner.close();
        } finally {
            listener.ended(getId());
        }
    }
}

package dev.agentstream.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The Streamable HTTP session with what the SDK's 2.1.0 server lacks: {@code notifications/cancelled}
 * reaches {@link McpSessions#cancelled} and the answer to a cancelled request is held back; every SSE event
 * gets an id and is kept for resumption; the session counts as open to the SDK's idle sweep until
 * {@link McpSessions#expired} says otherwise; and the session's end (DELETE, the idle sweep, shutdown)
 * reaches {@link McpSessions#ended}. Request ids come from {@link RequestIdFilter} instead, since a request
 * is handled by a stream object this class cannot wrap. The rest goes to the SDK's own session.
 */
final class TrackingStreamableSession extends McpStreamableServerSession {

    private final McpStreamableServerSession inner;
    private final McpSessions listener;
    private final McpJsonMapper mapper;

    TrackingStreamableSession(McpStreamableServerSession inner, McpSessions listener, McpJsonMapper mapper) {
        super(inner.getId(), null, null, Duration.ZERO, Map.of(), Map.of());
        this.inner = inner;
        this.listener = listener;
        this.mapper = mapper;
        listener.opened(inner.getId());
    }

    /** What the client of this session receives on {@code transport}: reworded, without cancelled answers, numbered. */
    private McpStreamableServerTransport outgoing(McpStreamableServerTransport transport, String kind) {
        ResumableTransport numbered = new ResumableTransport(transport, listener.replayLog(getId()), kind, mapper);
        return new RewordingTransport(new CancelledAnswers(numbered, id -> listener.cancelledByClient(getId(), id)));
    }

    @Override
    public Mono<Void> accept(McpSchema.JSONRPCNotification notification) {
        listener.used(getId());
        if (SessionListener.CANCELLED.equals(notification.method())) {
            listener.cancelled(getId(), SessionListener.requestIdOf(notification.params()));
            return Mono.empty();
        }
        return inner.accept(notification);
    }

    @Override
    public Mono<Void> accept(McpSchema.JSONRPCResponse response) {
        listener.used(getId());
        return inner.accept(response);
    }

    @Override
    public String getId() {
        return inner.getId();
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
    public Mono<Void> delete() {
        return inner.delete().doFinally(signal -> listener.ended(getId()));
    }

    @Override
    public boolean hasListeningStream() {
        return inner.hasListeningStream();
    }

    /** The SDK's idle sweep ends a session without an open stream: this one stays open until it expired. */
    @Override
    public boolean hasOpenStream() {
        return inner.hasOpenStream() || !listener.expired(getId());
    }

    @Override
    public McpStreamableServerSessionStream listeningStream(McpStreamableServerTransport transport) {
        listener.used(getId());
        return inner.listeningStream(outgoing(transport, "g"));
    }

    @Override
    public void releaseListeningStream() {
        inner.releaseListeningStream();
    }

    @Override
    public Flux<McpSchema.JSONRPCMessage> replay(Object lastEventId) {
        return inner.replay(lastEventId);
    }

    @Override
    public McpStreamableServerSessionStream responseStream(McpStreamableServerTransport transport) {
        listener.used(getId());
        return inner.responseStream(outgoing(transport, "r"));
    }

    @Override
    public Mono<Void> responseStream(McpSchema.JSONRPCRequest request, McpStreamableServerTransport transport) {
        listener.used(getId());
        return inner.responseStream(request, outgoing(transport, "r"));
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

package dev.agentstream.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.util.List;
import reactor.core.publisher.Mono;

/** A Streamable HTTP transport provider whose sessions are {@link TrackingStreamableSession}s. */
final class TrackingStreamableProvider implements McpStreamableServerTransportProvider {

    private final McpStreamableServerTransportProvider delegate;
    private final McpSessions listener;
    private final McpJsonMapper mapper;

    TrackingStreamableProvider(McpStreamableServerTransportProvider delegate, McpSessions listener, McpJsonMapper mapper) {
        this.delegate = delegate;
        this.listener = listener;
        this.mapper = mapper;
    }

    @Override
    public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {
        delegate.setSessionFactory(initRequest -> {
            McpStreamableServerSession.McpStreamableServerSessionInit started = sessionFactory.startSession(initRequest);
            return new McpStreamableServerSession.McpStreamableServerSessionInit(
                    new TrackingStreamableSession(started.session(), listener, mapper), started.initResult());
        });
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return delegate.notifyClients(method, params);
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
        return delegate.notifyClient(sessionId, method, params);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}

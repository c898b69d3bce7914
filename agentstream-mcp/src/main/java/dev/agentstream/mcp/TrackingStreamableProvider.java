package dev.agentstream.mcp;

import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.util.List;
import reactor.core.publisher.Mono;

/** A Streamable HTTP transport provider whose sessions are {@link TrackingStreamableSession}s. */
final class TrackingStreamableProvider implements McpStreamableServerTransportProvider {

    private final McpStreamableServerTransportProvider delegate;
    private final SessionListener listener;

    TrackingStreamableProvider(McpStreamableServerTransportProvider delegate, SessionListener listener) {
        this.delegate = delegate;
        this.listener = listener;
    }

    @Override
    public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {
        delegate.setSessionFactory(initRequest -> {
            McpStreamableServerSession.McpStreamableServerSessionInit started = sessionFactory.startSession(initRequest);
            return new McpStreamableServerSession.McpStreamableServerSessionInit(
                    new TrackingStreamableSession(started.session(), listener), started.initResult());
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

package dev.agentstream.mcp;

import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.util.List;
import reactor.core.publisher.Mono;

/** A transport provider whose sessions are {@link TrackingServerSession}s; everything else is the wrapped provider's. */
final class TrackingStdioProvider implements McpServerTransportProvider {

    private final McpServerTransportProvider delegate;
    private final SessionListener listener;

    TrackingStdioProvider(McpServerTransportProvider delegate, SessionListener listener) {
        this.delegate = delegate;
        this.listener = listener;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory sessionFactory) {
        delegate.setSessionFactory(transport -> {
            RewordingTransport reworded = new RewordingTransport(transport);
            return new TrackingServerSession(sessionFactory.create(reworded), reworded, listener);
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

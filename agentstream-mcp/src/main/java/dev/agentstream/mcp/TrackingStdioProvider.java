package dev.agentstream.mcp;

import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Mono;

/**
 * A transport provider whose sessions are {@link TrackingServerSession}s, whose answers to requests the client
 * cancelled are held back; everything else is the wrapped provider's.
 */
final class TrackingStdioProvider implements McpServerTransportProvider {

    private final McpServerTransportProvider delegate;
    private final SessionListener listener;
    private final BiPredicate<String, Object> cancelledByClient;
    private final UnaryOperator<McpServerTransport> sentEarly;

    /**
     * {@code cancelledByClient} says whether a session's client cancelled the request with a JSON-RPC id;
     * {@code sentEarly} wraps the SDK's transport so that answers sent before the server existed are not sent again.
     */
    TrackingStdioProvider(McpServerTransportProvider delegate, SessionListener listener, BiPredicate<String, Object> cancelledByClient,
                          UnaryOperator<McpServerTransport> sentEarly) {
        this.delegate = delegate;
        this.listener = listener;
        this.cancelledByClient = cancelledByClient;
        this.sentEarly = sentEarly;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory sessionFactory) {
        delegate.setSessionFactory(transport -> {
            AtomicReference<String> sessionId = new AtomicReference<>();
            RewordingTransport reworded = new RewordingTransport(new CancelledAnswers(sentEarly.apply(transport), id -> cancelledByClient.test(sessionId.get(), id)));
            McpServerSession session = sessionFactory.create(reworded);
            sessionId.set(session.getId());
            return new TrackingServerSession(session, reworded, listener);
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

package dev.agentstream.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A client transport that remembers the ids of the tools/call requests it sends, so that a test can
 * cancel one the way any MCP client does: with a {@code notifications/cancelled} naming that id.
 */
final class RecordingTransport implements McpClientTransport {

    private final McpClientTransport delegate;
    private final LinkedBlockingQueue<Object> toolCallIds = new LinkedBlockingQueue<>();

    RecordingTransport(McpClientTransport delegate) {
        this.delegate = delegate;
    }

    Object nextToolCallId() throws InterruptedException {
        Object id = toolCallIds.poll(30, TimeUnit.SECONDS);
        if (id == null) throw new AssertionError("no tools/call request was sent within 30 s");
        return id;
    }

    void cancel(Object requestId) {
        delegate.sendMessage(new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION, "notifications/cancelled",
                Map.of("requestId", requestId, "reason", "the test cancels it"))).block();
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return delegate.connect(handler);
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        delegate.setExceptionHandler(handler);
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCRequest request && "tools/call".equals(request.method())) {
            toolCallIds.add(request.id());
        }
        return delegate.sendMessage(message);
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
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return delegate.unmarshalFrom(data, typeRef);
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}

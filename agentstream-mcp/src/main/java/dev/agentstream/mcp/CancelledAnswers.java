package dev.agentstream.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransport;
import java.util.function.Predicate;
import reactor.core.publisher.Mono;

/**
 * Holds back the answer to a request its client cancelled with {@code notifications/cancelled}: MCP says a
 * server should not answer one. The call's work still ends the usual way (its processes are killed); only
 * the response message is not sent. Everything else passes unchanged.
 */
final class CancelledAnswers extends ForwardingTransport {

    private final Predicate<Object> cancelledByClient;

    /** {@code cancelledByClient} says whether the client cancelled the request with this JSON-RPC id. */
    CancelledAnswers(McpServerTransport delegate, Predicate<Object> cancelledByClient) {
        super(delegate);
        this.cancelledByClient = cancelledByClient;
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
        boolean heldBack = message instanceof McpSchema.JSONRPCResponse response && response.id() != null
                && cancelledByClient.test(response.id());
        return heldBack ? Mono.empty() : forward(message, messageId);
    }
}

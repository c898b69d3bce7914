package dev.agentstream.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransport;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A stdio server's transport that does not send the SDK's answers to requests {@link EarlyInitialize} answered
 * before the server existed: the client has its answer already, and one request gets one answer.
 */
final class EarlyAnswerFilter extends ForwardingTransport {

    private static final Logger LOG = LoggerFactory.getLogger(EarlyAnswerFilter.class);

    private final EarlyInitialize early;
    private final McpJsonMapper mapper;

    EarlyAnswerFilter(McpServerTransport delegate, EarlyInitialize early, McpJsonMapper mapper) {
        super(delegate);
        this.early = early;
        this.mapper = mapper;
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
        if (message instanceof McpSchema.JSONRPCResponse response) {
            Optional<String> sent = early.takeSent(response.id(), line(response));
            if (sent.isPresent()) {
                if (!sent.get().isEmpty()) {
                    // The early answer was made from what the command line predicted; the server's differs.
                    LOG.warn("The answer sent early to request {} differs from the server's: sent {}, the server's {}",
                            response.id(), sent.get(), line(response));
                }
                return Mono.empty();
            }
        }
        return forward(message, messageId);
    }

    private String line(McpSchema.JSONRPCResponse response) {
        try {
            return EarlyInitialize.asLine(mapper.writeValueAsString(response));
        } catch (IOException e) {
            return "(not writable: " + e.getMessage() + ")";
        }
    }
}

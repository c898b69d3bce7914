package dev.agentstream.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import java.io.IOException;
import reactor.core.publisher.Mono;

/**
 * One SSE stream of a session, numbering its events in the session's {@link ReplayLog} and keeping them, so
 * a client that lost the stream can ask for the rest with {@code Last-Event-ID}. What could not be delivered
 * (the connection is gone) is kept all the same: that is what a resuming client needs.
 */
final class ResumableTransport extends ForwardingTransport {

    private final ReplayLog log;
    private final String streamKey;
    private final McpJsonMapper mapper;

    ResumableTransport(McpStreamableServerTransport delegate, ReplayLog log, String kind, McpJsonMapper mapper) {
        super(delegate);
        this.log = log;
        this.streamKey = log.open(kind);
        this.mapper = mapper;
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
        String id;
        try {
            id = log.record(streamKey, mapper.writeValueAsString(message));
        } catch (IOException e) {
            return Mono.error(e);
        }
        return forward(message, id);
    }

}

package dev.agentstream.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import java.util.Optional;

/**
 * A transport context that also carries the JSON-RPC id of the request being handled. The SDK hands tool
 * handlers the CallToolRequest without its id, but {@code notifications/cancelled} names a request by
 * that id: this is how a handler learns which id will cancel it.
 */
record RequestContext(McpTransportContext base, String requestId) implements McpTransportContext {

    static final String REQUEST_ID = "dev.agentstream.mcp.requestId";

    static McpTransportContext with(McpTransportContext base, Object requestId) {
        return requestId == null ? base : new RequestContext(base, String.valueOf(requestId));
    }

    static Optional<String> requestIdOf(McpTransportContext context) {
        return context == null ? Optional.empty() : Optional.ofNullable((String) context.get(REQUEST_ID));
    }

    @Override
    public Object get(String key) {
        return REQUEST_ID.equals(key) ? requestId : base.get(key);
    }
}

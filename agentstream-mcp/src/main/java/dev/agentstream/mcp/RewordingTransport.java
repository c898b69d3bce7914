package dev.agentstream.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransport;
import reactor.core.publisher.Mono;

/**
 * A server transport that rewords the SDK's error answers that do not say what was wrong before they are
 * sent: an unknown tool is answered with the fixed text "Unknown tool: invalid_tool_name" whatever the
 * name asked for, which then only appears in the error's data. Everything else passes unchanged.
 */
final class RewordingTransport extends ForwardingTransport {

    private static final String SDK_UNKNOWN_TOOL = "Unknown tool:";
    private static final String SDK_TOOL_NOT_FOUND = "Tool not found: ";

    RewordingTransport(McpServerTransport delegate) {
        super(delegate);
    }

    /** {@code message}, with an unknown tool's error naming the tool asked for. */
    static McpSchema.JSONRPCMessage reword(McpSchema.JSONRPCMessage message) {
        if (!(message instanceof McpSchema.JSONRPCResponse response) || response.error() == null) return message;
        McpSchema.JSONRPCResponse.JSONRPCError error = response.error();
        if (error.message() == null || !error.message().startsWith(SDK_UNKNOWN_TOOL)) return message;
        String data = error.data() == null ? "" : error.data().toString();
        String name = data.startsWith(SDK_TOOL_NOT_FOUND) ? data.substring(SDK_TOOL_NOT_FOUND.length()) : null;
        String text = name == null
                ? "There is no tool of that name; call tools/list to see the tools this server offers."
                : "There is no tool named '" + name + "'; call tools/list to see the tools this server offers.";
        return new McpSchema.JSONRPCResponse(response.jsonrpc(), response.id(), null,
                new McpSchema.JSONRPCResponse.JSONRPCError(error.code(), text, error.data()));
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
        return forward(reword(message), messageId);
    }
}

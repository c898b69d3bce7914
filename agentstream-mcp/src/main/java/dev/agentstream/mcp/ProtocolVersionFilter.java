package dev.agentstream.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.core.EventJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Refuses a request whose {@code MCP-Protocol-Version} header names a version this server does not speak,
 * with 400 Bad Request as the Streamable HTTP transport asks. The body is a JSON-RPC error with code -32022
 * and the versions the server supports in {@code data.supported}, which lets a client of a newer protocol
 * fall back to one of them. A request without the header passes (the transport then assumes 2025-03-26).
 */
final class ProtocolVersionFilter extends HttpFilter {

    static final String HEADER = "MCP-Protocol-Version";
    /** The code newer MCP revisions give an unsupported protocol version. */
    static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    private final List<String> supported;

    ProtocolVersionFilter(List<String> supported) {
        this.supported = List.copyOf(supported);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String version = request.getHeader(HEADER);
        if (version == null || supported.contains(version.strip())) {
            chain.doFilter(request, response);
            return;
        }
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("jsonrpc", "2.0");
        body.putNull("id");
        ObjectNode error = body.putObject("error");
        error.put("code", UNSUPPORTED_PROTOCOL_VERSION);
        error.put("message", "This server does not speak MCP protocol version " + version.strip() + "; send " + HEADER
                + " with one of " + String.join(", ", supported) + " (the version initialize agreed on).");
        ObjectNode data = error.putObject("data");
        data.put("requested", version.strip());
        supported.forEach(data.putArray("supported")::add);
        byte[] bytes = EventJson.mapper().writeValueAsBytes(body);
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}

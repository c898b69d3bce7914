package dev.agentstream.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.EventJson;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Reads the JSON-RPC id of each POSTed request before the SDK's servlet does, and hands it on as a request
 * attribute that {@link #contextExtractor()} puts into the transport context: a tool handler needs the id
 * to be found by a later {@code notifications/cancelled}, and the SDK reads the body only after it has
 * built the context. The body is kept and replayed to the servlet unchanged.
 */
final class RequestIdFilter extends HttpFilter {

    static final String ATTRIBUTE = "dev.agentstream.mcp.requestId";
    /** The SDK's own limit on a message. */
    static final int MAX_BODY = 16 * 1024 * 1024;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "A message may be at most 16 MiB.");
            return;
        }
        String id = requestId(body);
        if (id != null) request.setAttribute(ATTRIBUTE, id);
        chain.doFilter(new ReplayedBody(request, body), response);
    }

    /** The transport context of a request: its JSON-RPC id, if the filter found one. */
    static McpTransportContextExtractor<HttpServletRequest> contextExtractor() {
        return request -> RequestContext.with(McpTransportContext.EMPTY, request.getAttribute(ATTRIBUTE));
    }

    private static String requestId(byte[] body) {
        try {
            JsonNode message = EventJson.mapper().readTree(body);
            if (message != null && message.isObject() && message.has("method") && message.hasNonNull("id")) {
                return message.get("id").asText();
            }
        } catch (IOException e) {
            // not JSON: the SDK answers it with its own error
        }
        return null;
    }

    private static final class ReplayedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReplayedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener readListener) {
                    throw new UnsupportedOperationException("The replayed body is read blocking.");
                }
            };
        }

        @Override
        public BufferedReader getReader() throws UnsupportedEncodingException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}

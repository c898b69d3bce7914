package dev.agentstream.mcp;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * One endpoint, two protocol eras: a request whose {@code MCP-Protocol-Version} header names revision 2026-07-28
 * (every request of that revision carries it, {@code server/discover} included) goes to the SDK's stateless
 * servlet; every other request goes on to the legacy filters and servlet, as before. The modern servlet's own
 * error answers are JSON-RPC responses and go out as they are; the container's bare error pages (a refused
 * {@code Origin}, a GET) become JSON-RPC errors too.
 */
final class ModernRouteFilter extends HttpFilter {

    static final String POST_ONLY = "At MCP protocol " + ModernAssembly.VERSION + " there are no sessions, GET streams or DELETE: "
            + "send each request as a POST (its answer comes in the POST's response).";

    private final HttpServlet modern;
    private final JsonRpcErrorFilter errors = new JsonRpcErrorFilter(true);

    ModernRouteFilter(HttpServlet modern) {
        this.modern = modern;
    }

    /** Whether {@code request} speaks the stateless revision. */
    static boolean isModern(HttpServletRequest request) {
        String version = request.getHeader(ProtocolVersionFilter.HEADER);
        return version != null && ModernAssembly.VERSION.equals(version.strip());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!isModern(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            // The SDK's servlet would answer a bare 405: say what to send instead.
            errors.doFilter(request, response, (req, res) -> ((HttpServletResponse) res).sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                    POST_ONLY));
            return;
        }
        errors.doFilter(request, response, modern::service);
    }
}

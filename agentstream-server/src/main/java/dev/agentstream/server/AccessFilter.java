package dev.agentstream.server;

import dev.agentstream.mcp.BearerToken;
import dev.agentstream.mcp.HttpAccess;
import dev.agentstream.mcp.HttpMcpServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Every request passes here first. {@code Host} and {@code Origin} are checked as {@code mcp --http} checks
 * them (DNS rebinding, other sites' pages); then the token: the page's first load carries it in the URL
 * ({@code /?token=…}), which turns it into an HttpOnly, SameSite=Strict cookie and redirects to the bare
 * URL; later requests carry the cookie (or {@code Authorization: Bearer}, for scripts). Browsers send a host's
 * cookies to every port of it, so the cookie is named after the port: two servers on one machine keep theirs apart.
 */
final class AccessFilter implements Filter {

    private static final String COOKIE_PREFIX = "agentstream_token_";
    private static final String NO_TOKEN = "This agentstream server needs its token: open the URL that 'agentstream serve' printed "
            + "(it ends in ?token=…), or send 'Authorization: Bearer TOKEN'.";

    private final BearerToken token;
    private final DefaultServerTransportSecurityValidator headers;

    AccessFilter(HttpAccess access) {
        this.token = access.token().orElseThrow(() -> new IllegalArgumentException("serve always needs a token"));
        this.headers = HttpMcpServer.headerValidator(access);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        try {
            headers.validateHeaders(HttpMcpServer.originAndHost(request));
        } catch (ServerTransportSecurityException e) {
            Responses.error(response, HttpServletResponse.SC_FORBIDDEN, request.getHeader("Origin") != null && e.getMessage().contains("Origin")
                    ? "Requests from pages of other sites are refused; open agentstream from the URL it printed."
                    : "The Host header names an address this server does not answer to; use the URL 'agentstream serve' printed.");
            return;
        }
        String fromUrl = request.getParameter("token");
        if ("GET".equals(request.getMethod()) && "/".equals(request.getRequestURI()) && fromUrl != null) {
            if (!accepted(fromUrl)) {
                Responses.error(response, HttpServletResponse.SC_UNAUTHORIZED, "The token in the URL is not this server's; open the URL 'agentstream serve' printed.");
                return;
            }
            response.addHeader("Set-Cookie", cookieName(request.getLocalPort()) + "=" + fromUrl + "; Path=/; HttpOnly; SameSite=Strict");
            // The token leaves the address bar (and the history) at once; the cookie carries it from now on.
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", "/");
            return;
        }
        if (token.acceptedIn(request.getHeader("Authorization")) || accepted(cookie(request, cookieName(request.getLocalPort())))) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer realm=\"agentstream\"");
        Responses.error(response, HttpServletResponse.SC_UNAUTHORIZED, NO_TOKEN);
    }

    private boolean accepted(String presented) {
        return presented != null && !presented.isBlank() && token.acceptedIn("Bearer " + presented);
    }

    /** The name of the cookie that carries the token of the server listening on {@code port}. */
    static String cookieName(int port) {
        return COOKIE_PREFIX + port;
    }

    private static String cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) return null;
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName())) return cookie.getValue();
        }
        return null;
    }
}

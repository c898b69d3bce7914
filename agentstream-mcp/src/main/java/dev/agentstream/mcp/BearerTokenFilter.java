package dev.agentstream.mcp;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Lets through only requests that carry the {@link BearerToken}; any other gets 401 with a
 * {@code WWW-Authenticate: Bearer} challenge (RFC 6750, as the MCP specification's authorization section
 * asks) and an OAuth-style JSON error body, before anything else on the server sees it.
 */
public final class BearerTokenFilter implements Filter {

    static final String REALM = "agentstream";
    private static final String MISSING = "This server needs a bearer token: send the header 'Authorization: Bearer TOKEN' "
            + "with the token agentstream printed when it started (or the one in its --token-file or --token-env).";
    private static final String WRONG = "The bearer token is not the one this server accepts; send the token agentstream "
            + "printed when it started (or the one in its --token-file or --token-env).";

    private final BearerToken token;

    public BearerTokenFilter(BearerToken token) {
        this.token = token;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        String header = ((HttpServletRequest) request).getHeader("Authorization");
        if (token.acceptedIn(header)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse http = (HttpServletResponse) response;
        http.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        if (BearerToken.presentedToken(header) == null) {
            // RFC 6750 3.1: a request without credentials gets the challenge without an error code.
            http.setHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
            writeJson(http, "{\"error\":\"unauthorized\",\"error_description\":\"" + MISSING + "\"}");
        } else {
            http.setHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\", error=\"invalid_token\", "
                    + "error_description=\"The bearer token is not the one this server accepts\"");
            writeJson(http, "{\"error\":\"invalid_token\",\"error_description\":\"" + WRONG + "\"}");
        }
    }

    private static void writeJson(HttpServletResponse http, String json) throws IOException {
        http.setContentType("application/json");
        http.setCharacterEncoding(StandardCharsets.UTF_8.name());
        http.getWriter().write(json);
    }
}

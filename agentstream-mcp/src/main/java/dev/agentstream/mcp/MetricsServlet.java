package dev.agentstream.mcp;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /metrics}: the registry in the Prometheus text format (behind the same token as the endpoint). */
final class MetricsServlet extends HttpServlet {

    static final String PATH = "/metrics";

    private final transient PrometheusMeterRegistry registry;
    private final transient DefaultServerTransportSecurityValidator headers;

    MetricsServlet(PrometheusMeterRegistry registry, DefaultServerTransportSecurityValidator headers) {
        this.registry = registry;
        this.headers = headers;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            // A page of another site, or a DNS-rebinding name, learns nothing here either.
            headers.validateHeaders(HttpMcpServer.originAndHost(request));
        } catch (ServerTransportSecurityException e) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Only loopback pages and this server's own names may read its metrics.");
            return;
        }
        byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}

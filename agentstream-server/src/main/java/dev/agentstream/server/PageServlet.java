package dev.agentstream.server;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** The page and its files, from the jar; nothing else (no directory of the machine is ever served). */
final class PageServlet extends HttpServlet {

    /** URL path → resource in {@code dev/agentstream/server/web/}, with its type. */
    static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/static/style.css", "style.css",
            "/static/app.js", "app.js",
            "/static/render.js", "render.js",
            "/static/terminal.js", "terminal.js",
            "/static/desktop.js", "desktop.js");

    /** Scripts and styles from this server only; images also as data: URLs (screenshots arrive in events). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String file = FILES.get(request.getRequestURI());
        if (file == null) {
            Responses.error(response, HttpServletResponse.SC_NOT_FOUND, "There is nothing at " + request.getRequestURI() + "; open / for the page.");
            return;
        }
        try (InputStream in = resource(file)) {
            response.setContentType(contentType(file));
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Cache-Control", "no-cache");
            in.transferTo(response.getOutputStream());
        }
    }

    static InputStream resource(String file) throws IOException {
        InputStream in = PageServlet.class.getResourceAsStream("web/" + file);
        if (in == null) throw new IOException("The page file " + file + " is missing from the jar.");
        return in;
    }

    static String contentType(String file) {
        if (file.endsWith(".js")) return "text/javascript";
        if (file.endsWith(".css")) return "text/css";
        return "text/html";
    }
}

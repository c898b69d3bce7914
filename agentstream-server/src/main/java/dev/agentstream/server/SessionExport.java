package dev.agentstream.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.core.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A saved session as one HTML file that needs nothing else: the page's own stylesheet and renderer
 * inlined, and the session's timeline (screenshots included, as data) embedded as JSON.
 */
final class SessionExport {

    private static final Pattern IMPORT_LINE = Pattern.compile("(?m)^import .*;$");
    private static final Pattern EXPORT_WORD = Pattern.compile("(?m)^export ");

    private SessionExport() {}

    static String html(ObjectNode timeline) {
        String json;
        try {
            // "</" would end the script element early; "<\/" means the same to JSON.
            json = EventJson.mapper().writeValueAsString(timeline).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        String title = escape("agentstream session " + timeline.path("session").asText());
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title>\n<style>\n" + file("style.css")
                + "</style></head>\n<body class=\"export\"><header><h1>" + title + "</h1></header>\n"
                + "<main><section id=\"timeline-controls\"></section><section id=\"chat\"></section></main>\n"
                + "<script type=\"application/json\" id=\"timeline-data\">" + json + "</script>\n"
                + "<script type=\"module\">\n" + module("terminal.js") + module("render.js")
                + "const data = JSON.parse(document.getElementById('timeline-data').textContent);\n"
                + "showTimeline(data.events, document.getElementById('chat'), document.getElementById('timeline-controls'));\n"
                + "</script></body></html>\n";
    }

    /** One of the page's modules as plain statements of a single inline module: its imports and export keywords dropped. */
    private static String module(String name) {
        return EXPORT_WORD.matcher(IMPORT_LINE.matcher(file(name)).replaceAll("")).replaceAll("") + "\n";
    }

    private static String file(String name) {
        try (InputStream in = PageServlet.resource(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

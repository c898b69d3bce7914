package dev.agentstream.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.core.EventJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpStatus;

/**
 * Turns the MCP SDK's HTTP error answers (a serialized Java exception with its stack trace) into JSON-RPC
 * error bodies: the right code and one sentence naming what was wrong and what to send instead. A peer
 * never sees a stack trace.
 */
final class JsonRpcErrorFilter extends HttpFilter {

    static final int INVALID_REQUEST = -32600;
    static final int PARSE_ERROR = -32700;
    static final int INTERNAL_ERROR = -32603;
    /** What the TypeScript SDK's server answers for an unknown session. */
    static final int SESSION_NOT_FOUND = -32001;

    /** Whether an error answer that already is a JSON-RPC response (id, code, data and all) goes out as it is. */
    private final boolean keepJsonRpcAnswers;

    /** Rewrites every error answer (the legacy SDK's are Java exceptions). */
    JsonRpcErrorFilter() {
        this(false);
    }

    /** With {@code keepJsonRpcAnswers}, only error answers that are not JSON-RPC responses are rewritten. */
    JsonRpcErrorFilter(boolean keepJsonRpcAnswers) {
        this.keepJsonRpcAnswers = keepJsonRpcAnswers;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        ErrorCapture capture = new ErrorCapture(response);
        chain.doFilter(request, capture);
        if (capture.body == null) return;
        if (capture.writer != null) capture.writer.flush();
        if (keepJsonRpcAnswers && isJsonRpcError(capture.body.toString(StandardCharsets.UTF_8))) {
            response.setContentLength(capture.body.size());
            capture.body.writeTo(response.getOutputStream());
            return;
        }
        byte[] rewritten = EventJson.mapper().writeValueAsBytes(errorBody(capture.getStatus(), capture.body.toString(StandardCharsets.UTF_8),
                request.getHeader("Mcp-Session-Id")));
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(rewritten.length);
        response.getOutputStream().write(rewritten);
    }

    /** The JSON-RPC error for what the SDK answered with {@code status} and {@code sdkBody}. */
    static ObjectNode errorBody(int status, String sdkBody, String sessionId) {
        String sdkMessage = sdkMessage(sdkBody);
        int code;
        String message;
        if (sdkMessage.startsWith("Session ID required")) {
            code = INVALID_REQUEST;
            message = "This request has no Mcp-Session-Id header; send initialize first, then the session id it answered "
                    + "with in the Mcp-Session-Id header of every later request.";
        } else if (sdkMessage.startsWith("Session not found")) {
            code = SESSION_NOT_FOUND;
            message = "There is no session " + sessionId + " (it ended, or the server restarted); start a new one by "
                    + "sending initialize without an Mcp-Session-Id header.";
        } else if (sdkMessage.startsWith("Invalid message format")) {
            code = PARSE_ERROR;
            message = "The request body is not a JSON-RPC message; send one JSON-RPC request or notification as JSON.";
        } else {
            code = sdkCode(sdkBody, status);
            message = sdkMessage.isBlank()
                    ? "The server could not handle this request (HTTP " + status + " " + HttpStatus.getMessage(status) + ")."
                    : sentence(firstLine(sdkMessage));
        }
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("jsonrpc", "2.0");
        body.putNull("id");
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return body;
    }

    private static boolean isJsonRpcError(String body) {
        JsonNode node = parse(body);
        return node != null && "2.0".equals(node.path("jsonrpc").asText()) && node.path("error").isObject();
    }

    private static String sdkMessage(String sdkBody) {
        JsonNode node = parse(sdkBody);
        if (node == null) return sdkBody.strip();
        JsonNode error = node.has("jsonRpcError") ? node.get("jsonRpcError") : node.path("error");
        String message = error.path("message").asText("");
        return message.isEmpty() ? node.path("message").asText("") : message;
    }

    private static int sdkCode(String sdkBody, int status) {
        JsonNode node = parse(sdkBody);
        JsonNode code = node == null ? null : (node.has("jsonRpcError") ? node.get("jsonRpcError") : node.path("error")).get("code");
        if (code != null && code.isInt()) return code.asInt();
        return status < 500 ? INVALID_REQUEST : INTERNAL_ERROR;
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode node = EventJson.mapper().readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    /** Keeps the body of an error answer (status 400 and above) instead of sending it; others pass through. */
    private static final class ErrorCapture extends HttpServletResponseWrapper {
        ByteArrayOutputStream body;
        private PrintWriter writer;

        ErrorCapture(HttpServletResponse response) {
            super(response);
        }

        private boolean capturing() {
            if (body == null && getStatus() >= 400) body = new ByteArrayOutputStream();
            return body != null;
        }

        /** Jetty would answer with its own error page: keep the reason for the JSON-RPC body instead. */
        @Override
        public void sendError(int status, String reason) {
            setStatus(status);
            capturing();
            if (reason != null) body.writeBytes(reason.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void sendError(int status) {
            sendError(status, null);
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (!capturing()) return super.getWriter();
            if (writer == null) writer = new PrintWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8), true);
            return writer;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (!capturing()) return super.getOutputStream();
            return new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException("error answers are written at once");
                }
            };
        }

        @Override
        public void flushBuffer() throws IOException {
            if (writer != null) writer.flush();
            if (body == null) super.flushBuffer();
        }
    }
}

package dev.agentstream.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An {@code agentstream mcp} server over stdio, started and initialized as an MCP client starts it, for the
 * benches that time later calls in a running session: requests go out one at a time and the line that answers
 * each is returned (notifications in between are skipped).
 */
final class StdioMcpSession implements AutoCloseable {

    private final Process process;
    private final OutputStream in;
    private final BufferedReader out;
    private int nextId = 1;

    /** @param command the server's whole command line; its stderr is discarded */
    StdioMcpSession(List<String> command, String clientName) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("AGENTSTREAM_HOME");
        process = builder.start();
        in = process.getOutputStream();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16);
        request("initialize", "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\""
                + clientName + "\",\"version\":\"1\"}}");
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    /** The id the next request will carry (a progress token may reuse it). */
    int nextId() {
        return nextId;
    }

    /** Sends a request and returns the line that answers it. */
    String request(String method, String params) throws IOException {
        int id = nextId++;
        send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
        String answer = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",";
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(answer)) return line;
        }
        throw new IOException("the mcp session ended before answering " + method);
    }

    private void send(String message) throws IOException {
        in.write((message + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        in.close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
}

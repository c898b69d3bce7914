package dev.agentstream.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agentstream.core.EventJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A stand-in for the Anthropic Messages API on loopback, for tests and benchmarks that must never reach
 * the real API: it answers each POST /v1/messages with the next scripted {@link Reply}, streamed in the
 * real wire format, and keeps every request it received. Point the SDK (or {@code ANTHROPIC_BASE_URL}) at
 * {@link #baseUrl()}.
 */
public final class FakeAnthropicServer implements AutoCloseable {

    private final HttpServer server;
    private final Deque<Function<RecordedRequest, Reply>> replies = new ArrayDeque<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private volatile List<String> offeredModels = List.of();
    private volatile Function<RecordedRequest, Reply> whenEmpty =
            request -> Reply.error(400, "invalid_request_error", "The fake server has no scripted reply left for this request.");

    private FakeAnthropicServer(HttpServer server) {
        this.server = server;
    }

    public static FakeAnthropicServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeAnthropicServer fake = new FakeAnthropicServer(server);
            server.createContext("/", fake::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return fake;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    public FakeAnthropicServer reply(Reply reply) {
        return reply(request -> reply);
    }

    public FakeAnthropicServer reply(SseScript script) {
        return reply(Reply.stream(script));
    }

    /** A reply computed from the request, e.g. to echo what the loop sent. */
    public synchronized FakeAnthropicServer reply(Function<RecordedRequest, Reply> reply) {
        replies.add(reply);
        return this;
    }

    /** What to answer once the scripted replies are used up (by default a 400 error, so a test fails loudly). */
    public FakeAnthropicServer whenEmpty(Function<RecordedRequest, Reply> reply) {
        this.whenEmpty = reply;
        return this;
    }

    /**
     * The model ids GET /v1/models answers with (none until a test says which: this module stays free of the
     * agent, whose model table would otherwise decide); each model's display name is its id.
     */
    public FakeAnthropicServer offers(List<String> modelIds) {
        this.offeredModels = List.copyOf(modelIds);
        return this;
    }

    /** The Messages requests received (model listings are answered but not kept here). */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public RecordedRequest request(int index) {
        return requests().get(index);
    }

    /** Thrown out of the handler on purpose: the HTTP server then closes the socket, mid-body. */
    private static final class DroppedConnection extends IOException {
        DroppedConnection() {
            super("the fake server dropped the connection on purpose");
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            respond(exchange);
        } catch (DroppedConnection drop) {
            // Not closing the exchange: a handler that fails makes the server close the connection as it is.
            throw drop;
        }
        exchange.close();
    }

    private void respond(HttpExchange exchange) throws IOException {
        if (exchange.getRequestMethod().equals("GET") && exchange.getRequestURI().getPath().equals("/v1/models")) {
            sendModels(exchange);
            return;
        }
        {
            JsonNode body;
            try {
                body = EventJson.mapper().readTree(exchange.getRequestBody());
            } catch (IOException e) {
                body = EventJson.mapper().createObjectNode();
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            RecordedRequest request = new RecordedRequest(exchange.getRequestURI().getPath(), headers, body);
            Function<RecordedRequest, Reply> next;
            synchronized (this) {
                requests.add(request);
                next = replies.isEmpty() ? whenEmpty : replies.poll();
            }
            switch (next.apply(request)) {
                case Reply.HttpError error -> sendError(exchange, error);
                case Reply.Stream stream -> sendStream(exchange, stream.script());
            }
        }
    }

    /** GET /v1/models as the API answers it: one page, the models in the order given. */
    private void sendModels(HttpExchange exchange) throws IOException {
        ObjectNode page = EventJson.mapper().createObjectNode();
        var data = page.putArray("data");
        for (String id : offeredModels) {
            data.addObject().put("type", "model").put("id", id).put("display_name", id).put("created_at", "2026-01-01T00:00:00Z");
        }
        page.put("has_more", false);
        if (!offeredModels.isEmpty()) {
            page.put("first_id", offeredModels.get(0)).put("last_id", offeredModels.get(offeredModels.size() - 1));
        }
        byte[] bytes = page.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sendError(HttpExchange exchange, Reply.HttpError error) throws IOException {
        ObjectNode json = EventJson.mapper().createObjectNode().put("type", "error");
        json.putObject("error").put("type", error.type()).put("message", error.message());
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.getResponseHeaders().add("request-id", "req_fake");
        if (error.retryAfterSeconds() >= 0) exchange.getResponseHeaders().add("retry-after", Integer.toString(error.retryAfterSeconds()));
        exchange.sendResponseHeaders(error.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sendStream(HttpExchange exchange, SseScript script) throws IOException {
        exchange.getResponseHeaders().add("content-type", "text/event-stream");
        exchange.getResponseHeaders().add("cache-control", "no-cache");
        exchange.getResponseHeaders().add("request-id", "req_fake");
        // A stream that will break announces a length it never reaches: when the connection closes, the
        // client sees the body end short, as when a network drops, not a clean end of the stream.
        exchange.sendResponseHeaders(200, script.drops() ? 1L << 30 : 0);
        OutputStream out = exchange.getResponseBody();
        for (SseScript.Step step : script.steps()) {
            switch (step) {
                case SseScript.Event event -> {
                    out.write(event.wire().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                case SseScript.Pause pause -> sleep(pause.duration());
                case SseScript.Await await -> awaitCondition(await);
                case SseScript.Drop drop -> {
                    out.flush();
                    throw new DroppedConnection();
                }
            }
        }
        out.close();
    }

    private static void awaitCondition(SseScript.Await await) {
        long deadline = System.nanoTime() + await.timeout().toNanos();
        while (!await.condition().getAsBoolean() && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(5));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

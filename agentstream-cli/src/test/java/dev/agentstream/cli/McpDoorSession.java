package dev.agentstream.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.agentstream.core.EventJson;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An MCP session as a client drives it, through the MCP Java SDK's client: a call is {@code tools/call} with a
 * progress token, its output what the progress notifications show, its cancel {@code notifications/cancelled}.
 * MCP says a cancelled request gets no response, so a cancelled call has ended once the server's log records
 * it ended cancelled; a response that comes anyway must say it was cancelled.
 */
final class McpDoorSession implements FrontDoorContract.DoorSession {

    private final McpCommandTest.Client client;
    private final Path serverLog;
    private final AtomicInteger calls = new AtomicInteger();
    private boolean closed;

    McpDoorSession(McpCommandTest.Client client, Path serverLog) {
        this.client = client;
        this.serverLog = serverLog;
    }

    @Override
    public FrontDoorContract.DoorCall start(String tool, String inputJson) throws Exception {
        String token = "contract-" + calls.incrementAndGet();
        Map<String, Object> arguments = EventJson.mapper().readValue(inputJson, new TypeReference<>() {});
        CompletableFuture<McpSchema.CallToolResult> response = CompletableFuture.supplyAsync(() -> client.client.callTool(
                McpSchema.CallToolRequest.builder().name(tool).arguments(arguments).progressToken(token).build()), r -> Thread.ofVirtual().start(r));
        Object requestId = client.transport.nextToolCallId();
        CompletableFuture<Long> respondedAt = response.handle((r, e) -> System.nanoTime());
        return new FrontDoorContract.DoorCall() {
            @Override
            public String outputSoFar() {
                StringBuilder shown = new StringBuilder();
                for (McpCommandTest.Client.Received<McpSchema.ProgressNotification> n : client.progress) {
                    if (!token.equals(n.value().progressToken()) || n.value().message() == null) continue;
                    // A message is the tool's phase (for bash, the command), then " | " and the latest output line.
                    String message = n.value().message();
                    int latest = message.lastIndexOf(" | ");
                    if (latest >= 0) shown.append(message.substring(latest + 3)).append('\n');
                }
                return shown.toString();
            }

            @Override
            public Optional<FrontDoorContract.Ending> ending() {
                if (response.isDone()) {
                    McpSchema.CallToolResult result = response.join();
                    Object meta = result.meta() == null ? null : result.meta().get("dev.agentstream/result");
                    boolean cancelled = meta instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("cancelled"));
                    return Optional.of(new FrontDoorContract.Ending(respondedAt.join(), cancelled, Boolean.TRUE.equals(result.isError()),
                            McpCommandTest.Client.text(result)));
                }
                if (loggedCancelled(requestId)) return Optional.of(new FrontDoorContract.Ending(System.nanoTime(), true, true, ""));
                return Optional.empty();
            }

            @Override
            public void cancel() {
                client.transport.cancel(requestId);
            }
        };
    }

    /** The tool as the server lists it to this client. */
    McpSchema.Tool listed(String name) {
        return client.client.listTools().tools().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("the server does not list " + name));
    }

    private boolean loggedCancelled(Object requestId) {
        try {
            return Files.exists(serverLog) && Files.readString(serverLog).contains("call=" + requestId + " outcome=cancelled");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        client.close();
    }
}

package dev.agentstream.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.Tool;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolEvent;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@code tools/call} to its end: in the caller's runtime session, known by its request id so that
 * {@code notifications/cancelled} or a lost connection can cancel it (the runtime then ends its events with
 * a cancelled result), and with progress notifications while it runs when the request carries a progress
 * token (with the whole output in them when its {@code _meta} asks for it: {@link OutputChunks}). Blocks: call it on a thread that may wait (a virtual thread).
 */
final class ToolCallHandler {

    /** A client that does not take a progress notification within this time gets no more of them. */
    private static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(ToolCallHandler.class);

    private final McpSessions sessions;
    private final AtomicLong unnamedCalls = new AtomicLong();
    private final Map<String, ToolPresentation> presentations = new HashMap<>();
    private final SenderTurns senderTurns = SenderTurns.forThisMachine();

    ToolCallHandler(McpOptions options, McpSessions sessions) {
        this.sessions = sessions;
        for (Tool tool : options.exposed()) presentations.put(tool.spec().name(), ToolPresentation.of(tool.spec()));
    }

    McpSchema.CallToolResult call(McpAsyncServerExchange exchange, McpSchema.CallToolRequest request) {
        String sessionId = exchange.sessionId();
        String requestId = RequestContext.requestIdOf(exchange.transportContext())
                .orElseGet(() -> "unnamed-" + unnamedCalls.incrementAndGet());
        ToolCall call = new ToolCall(requestId, request.name(), input(request.arguments()));
        McpSessions.Started started = sessions.start(sessionId, requestId, call);
        try {
            Consumer<ToolEvent> progress = progressSender(senderTurns, exchange, request.progressToken(), OutputChunks.requested(request.meta()));
            Optional<ToolMetrics> metrics = sessions.metrics();
            ToolEvent terminal = started.call().deliver(metrics.isEmpty() ? progress : event -> {
                if (!(event instanceof ToolEvent.Completed || event instanceof ToolEvent.Failed)) metrics.get().record(call.name(), event);
                progress.accept(event);
            });
            metrics.ifPresent(m -> m.record(call.name(), terminal));
            tellTheUser(exchange, call.name(), terminal);
            return ResultTranslator.toResult(terminal, presentations.getOrDefault(call.name(), ToolPresentation.UNSTRUCTURED));
        } finally {
            started.finished().run();
        }
    }

    /**
     * Sends progress in order and before the result, since the same thread sends both. A send that fails
     * throws, which makes the runtime stop delivering events (the call goes on and its result is kept).
     */
    private static Consumer<ToolEvent> progressSender(SenderTurns turns, McpAsyncServerExchange exchange, Object progressToken,
            boolean carryOutput) {
        if (progressToken == null) return event -> {};
        ProgressTranslator translator = new ProgressTranslator(progressToken, carryOutput);
        AtomicBoolean outputSent = new AtomicBoolean();
        // Waiting for each send makes a client that reads slowly slow the command down, instead of growing a queue here.
        return event -> translator.translate(event).forEach(notification -> {
            boolean carriesOutput = notification.meta() != null && notification.meta().containsKey(OutputChunks.CHUNK_KEY);
            if (!carriesOutput || outputSent.compareAndSet(false, true)) {
                // Only streams of output wait their turn, and a call's first output goes at once: a new stream
                // starts even when many others are streaming.
                exchange.progressNotification(notification).block(NOTIFY_TIMEOUT);
                return;
            }
            try (SenderTurns.Turn turn = turns.take()) {
                exchange.progressNotification(notification).block(NOTIFY_TIMEOUT);
            }
            // Virtual threads are not time-sliced: with fewer senders than turns, one whose output keeps coming
            // would take its turn again and again and hold its carrier; going to the back of the scheduler's queue
            // after each notification makes the streams take turns there too.
            Thread.yield();
        });
    }

    /** Sends the call's notices before its result; a client that does not take them still gets the result. */
    private static void tellTheUser(McpAsyncServerExchange exchange, String tool, ToolEvent terminal) {
        for (McpSchema.LoggingMessageNotification notice : CallNotices.about(tool, terminal)) {
            try {
                exchange.loggingNotification(notice).block(NOTIFY_TIMEOUT);
            } catch (RuntimeException e) {
                log.debug("A log notification to MCP session {} failed: {}", exchange.sessionId(), e.toString());
                return;
            }
        }
    }

    private static JsonNode input(Map<String, Object> arguments) {
        // The SDK parsed the arguments into plain maps and lists; our tools read Jackson trees.
        return arguments == null ? EventJson.mapper().createObjectNode() : EventJson.mapper().valueToTree(arguments);
    }
}

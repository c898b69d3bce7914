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
            Consumer<ToolEvent> progress = progressSender(exchange, request.progressToken(), OutputChunks.requested(request.meta()));
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
    private static Consumer<ToolEvent> progressSender(McpAsyncServerExchange exchange, Object progressToken, boolean carryOutput) {
        if (progressToken == null) return event -> {};
        ProgressTranslator translator = new ProgressTranslator(progressToken, carryOutput);
        // Waiting for each send makes a client that reads slowly slow the command down, instead of growing a queue here.
        return event -> translator.translate(event).forEach(notification -> {
            exchange.progressNotification(notification).block(NOTIFY_TIMEOUT);
            // Virtual threads are not time-sliced: a call whose output keeps coming and whose client keeps reading
            // would hold its carrier for the whole stream while the other calls' streams (and shells) wait. Going to
            // the back of the scheduler's queue after each notification makes the streams take turns.
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

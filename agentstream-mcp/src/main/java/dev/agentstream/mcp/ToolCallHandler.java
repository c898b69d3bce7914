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
    static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(10);

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
        String requestId = RequestContext.requestIdOf(exchange.transportContext())
                .orElseGet(() -> "unnamed-" + unnamedCalls.incrementAndGet());
        return call(exchange.sessionId(), requestId, request.name(), request.arguments(), request.progressToken(), request.meta(),
                new ExchangePeer(exchange));
    }

    /**
     * Runs the call {@code name(arguments)} known as {@code requestId} in the runtime session {@code sessionId};
     * progress (when {@code progressToken} is set) and the call's notices go to {@code peer}, in order, before the
     * result is returned. Any protocol revision's server calls this: the tool logic is the same for all of them.
     */
    McpSchema.CallToolResult call(String sessionId, String requestId, String name, Map<String, Object> arguments,
                                  Object progressToken, Map<String, Object> meta, Peer peer) {
        ToolCall call = new ToolCall(requestId, name, input(arguments));
        McpSessions.Started started = sessions.start(sessionId, requestId, call);
        try {
            Consumer<ToolEvent> progress = progressSender(senderTurns, peer, progressToken, OutputChunks.requested(meta));
            Optional<ToolMetrics> metrics = sessions.metrics();
            ToolEvent terminal = started.call().deliver(metrics.isEmpty() ? progress : event -> {
                if (!(event instanceof ToolEvent.Completed || event instanceof ToolEvent.Failed)) metrics.get().record(call.name(), event);
                progress.accept(event);
            });
            metrics.ifPresent(m -> m.record(call.name(), terminal));
            tellTheUser(peer, sessionId, call.name(), terminal);
            return ResultTranslator.toResult(terminal, presentations.getOrDefault(call.name(), ToolPresentation.UNSTRUCTURED));
        } finally {
            started.finished().run();
        }
    }

    /**
     * Where a call's notifications go, however the protocol revision carries them. Each method blocks until the
     * notification is on its way (or throws when it cannot be sent): a slow reader slows the call down.
     */
    interface Peer {
        void progress(McpSchema.ProgressNotification notification);

        void notice(McpSchema.LoggingMessageNotification notice);
    }

    /** A legacy MCP session's exchange, waiting at most {@link #NOTIFY_TIMEOUT} for each send. */
    private record ExchangePeer(McpAsyncServerExchange exchange) implements Peer {
        @Override
        public void progress(McpSchema.ProgressNotification notification) {
            exchange.progressNotification(notification).block(NOTIFY_TIMEOUT);
        }

        @Override
        public void notice(McpSchema.LoggingMessageNotification notice) {
            exchange.loggingNotification(notice).block(NOTIFY_TIMEOUT);
        }
    }

    /**
     * Sends progress in order and before the result, since the same thread sends both. A send that fails
     * throws, which makes the runtime stop delivering events (the call goes on and its result is kept).
     */
    private static Consumer<ToolEvent> progressSender(SenderTurns turns, Peer peer, Object progressToken,
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
                peer.progress(notification);
                return;
            }
            try (SenderTurns.Turn turn = turns.take()) {
                peer.progress(notification);
            }
            // Virtual threads are not time-sliced: with fewer senders than turns, one whose output keeps coming
            // would take its turn again and again and hold its carrier; going to the back of the scheduler's queue
            // after each notification makes the streams take turns there too.
            Thread.yield();
        });
    }

    /** Sends the call's notices before its result; a client that does not take them still gets the result. */
    private static void tellTheUser(Peer peer, String sessionId, String tool, ToolEvent terminal) {
        for (McpSchema.LoggingMessageNotification notice : CallNotices.about(tool, terminal)) {
            try {
                peer.notice(notice);
            } catch (RuntimeException e) {
                log.debug("A log notification to MCP session {} failed: {}", sessionId, e.toString());
                return;
            }
        }
    }

    private static JsonNode input(Map<String, Object> arguments) {
        // The SDK parsed the arguments into plain maps and lists; our tools read Jackson trees.
        return arguments == null ? EventJson.mapper().createObjectNode() : EventJson.mapper().valueToTree(arguments);
    }
}

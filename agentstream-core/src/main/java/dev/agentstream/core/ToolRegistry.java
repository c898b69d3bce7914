package dev.agentstream.core;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools by name, and how each delivers its events. BUFFERED is the same execution with only the
 * terminal event passed on. If delivering events to a listener fails, the call still runs to its
 * result and that result is kept: the automatic fallback.
 */
public final class ToolRegistry {

    private static final Logger log = LoggerFactory.getLogger(ToolRegistry.class);

    private final Map<String, Tool> tools = new java.util.LinkedHashMap<>();
    private final Map<String, StreamingMode> modes = new ConcurrentHashMap<>();
    private volatile StreamingMode defaultMode = StreamingMode.STREAMING;

    public synchronized ToolRegistry register(Tool tool) {
        String name = tool.spec().name();
        if (tools.containsKey(name)) {
            throw new IllegalArgumentException("A tool named '" + name + "' is already registered.");
        }
        tools.put(name, tool);
        return this;
    }

    public synchronized Collection<Tool> tools() {
        return List.copyOf(tools.values());
    }

    public synchronized Optional<Tool> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    public ToolRegistry defaultMode(StreamingMode mode) {
        this.defaultMode = mode;
        return this;
    }

    public ToolRegistry mode(String toolName, StreamingMode mode) {
        modes.put(toolName, mode);
        return this;
    }

    public StreamingMode modeOf(String toolName) {
        return modes.getOrDefault(toolName, defaultMode);
    }

    /** Starts a call and returns all of its events; an unknown tool gives an error result, not an exception. */
    public ToolStream execute(ToolCall call, ToolContext context) {
        Optional<Tool> tool = find(call.name());
        if (tool.isEmpty()) {
            ToolResult unknown = ToolResult.error("There is no tool named '" + call.name() + "'; use one of: "
                    + String.join(", ", toolNames()) + ".");
            return ToolStream.of(call.id(), new ToolEvent.Started(call.id(), 0, call.name()),
                    new ToolEvent.Completed(call.id(), 0, unknown));
        }
        try {
            return tool.get().execute(call, context);
        } catch (ToolInputException e) {
            return ToolStream.of(call.id(), new ToolEvent.Started(call.id(), 0, call.name()),
                    new ToolEvent.Completed(call.id(), 0, ToolResult.error(e.getMessage())));
        } catch (RuntimeException e) {
            log.warn("Tool {} could not start call {}: {}", call.name(), call.id(), e.toString());
            log.debug("Tool {} could not start call {}", call.name(), call.id(), e);
            return ToolStream.of(call.id(), new ToolEvent.Started(call.id(), 0, call.name()),
                    new ToolEvent.Failed(call.id(), 0, ToolError.of(e)));
        }
    }

    /**
     * Runs a call to its end, handing events to {@code listener} as the tool's mode says (all of them,
     * or only the terminal one when BUFFERED). A listener that throws stops receiving events, but the
     * call still completes and its terminal event is returned.
     */
    public ToolEvent run(ToolCall call, ToolContext context, Consumer<ToolEvent> listener) {
        try (ToolStream stream = execute(call, context)) {
            return deliver(stream, call.name(), listener);
        }
    }

    /** The delivery half of {@link #run}, for callers that keep the stream to cancel it themselves. */
    public ToolEvent deliver(ToolStream stream, String toolName, Consumer<ToolEvent> listener) {
        return Delivery.deliver(stream.callId(), modeOf(toolName), stream::awaitTerminal, listener);
    }

    /** Runs a call to its end and returns its result; a runtime failure becomes an error result. */
    public ToolResult call(ToolCall call, ToolContext context) {
        return resultOf(run(call, context, e -> {}));
    }

    public static ToolResult resultOf(ToolEvent terminal) {
        return switch (terminal) {
            case ToolEvent.Completed c -> c.result();
            case ToolEvent.Failed f -> ToolResult.error("The tool failed inside the runtime: " + f.error().message());
            default -> throw new IllegalArgumentException("Not a terminal event: " + terminal);
        };
    }

    private synchronized List<String> toolNames() {
        return List.copyOf(tools.keySet());
    }
}

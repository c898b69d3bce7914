package dev.agentstream.core;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * Everything a running call reports. {@code t} is milliseconds since the call started. Exactly one
 * terminal event ({@link Completed} or {@link Failed}) ends every stream.
 */
public sealed interface ToolEvent {

    String callId();

    long t();

    default boolean isTerminal() {
        return this instanceof Completed || this instanceof Failed;
    }

    record Started(String callId, long t, String toolName) implements ToolEvent {}

    /** A chunk of output as the tool produced it (it may hold ANSI escapes and partial lines). */
    record Output(String callId, long t, String stream, String text) implements ToolEvent {}

    /**
     * Progress on slow work. {@code fraction} is empty when the end is unknown (indeterminate);
     * counters hold what is known so far (elapsedMs, bytes, lines, files, ...).
     */
    record Progress(String callId, long t, String message, OptionalDouble fraction, Map<String, Long> counters)
            implements ToolEvent {
        public Progress {
            counters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counters));
        }
    }

    record Image(String callId, long t, String mediaType, byte[] bytes, int width, int height,
                 Map<String, Object> metadata) implements ToolEvent {}

    record Completed(String callId, long t, ToolResult result) implements ToolEvent {}

    record Failed(String callId, long t, ToolError error) implements ToolEvent {}
}

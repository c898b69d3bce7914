package dev.agentstream.core;

import java.util.Map;
import java.util.Objects;
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

    /**
     * A chunk of output as the tool produced it (it may hold ANSI escapes and partial lines). {@code utf8}, when
     * not null, is exactly {@code text.getBytes(UTF_8)}, handed on by a tool that read the text as bytes, so a
     * front door that writes UTF-8 need not encode the text again; it is not to be modified, and equality,
     * {@code hashCode} and {@code toString} leave it out, since it says nothing the text does not.
     */
    record Output(String callId, long t, String stream, String text, byte[] utf8) implements ToolEvent {

        public Output(String callId, long t, String stream, String text) {
            this(callId, t, stream, text, null);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Output other && t == other.t && Objects.equals(callId, other.callId)
                    && Objects.equals(stream, other.stream) && Objects.equals(text, other.text);
        }

        @Override
        public int hashCode() {
            return Objects.hash(callId, t, stream, text);
        }

        @Override
        public String toString() {
            return "Output[callId=" + callId + ", t=" + t + ", stream=" + stream + ", text=" + text + "]";
        }
    }

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

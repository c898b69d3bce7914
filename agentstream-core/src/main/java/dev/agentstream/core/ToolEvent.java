package dev.agentstream.core;

import java.nio.charset.StandardCharsets;
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
     * not null, is exactly {@code text().getBytes(UTF_8)}, handed on by a tool that read the text as bytes, so a
     * front door that writes UTF-8 need not encode the text again; it is not to be modified, and equality,
     * {@code hashCode} and {@code toString} leave it out, since it says nothing the text does not.
     *
     * <p>A chunk made {@link #ofAscii of ASCII bytes} makes its text from them only when {@link #text()} is first
     * called: a front door that writes the bytes (the {@code --json} printer) never needs it, and a large view is
     * then not copied into a string per chunk that nobody reads.
     */
    final class Output implements ToolEvent {

        private final String callId;
        private final long t;
        private final String stream;
        private final byte[] utf8;
        private final int textLength;
        /**
         * Given, or made from the ASCII bytes when first asked for. Not synchronized: two threads asking at once
         * both make the same string, and a String is safe to hand between threads however it was published.
         */
        private String text;

        public Output(String callId, long t, String stream, String text) {
            this(callId, t, stream, text, null);
        }

        public Output(String callId, long t, String stream, String text, byte[] utf8) {
            this.callId = callId;
            this.t = t;
            this.stream = stream;
            this.text = Objects.requireNonNull(text, "text");
            this.utf8 = utf8;
            this.textLength = text.length();
        }

        private Output(String callId, long t, String stream, byte[] ascii) {
            this.callId = callId;
            this.t = t;
            this.stream = stream;
            this.utf8 = ascii;
            this.textLength = ascii.length;
        }

        /**
         * Output all of whose bytes are ASCII (below 0x80; the caller knows, and they are not checked again), so
         * they are its UTF-8 encoding and each is one char; {@code ascii} is kept, not copied.
         */
        public static Output ofAscii(String callId, long t, String stream, byte[] ascii) {
            return new Output(callId, t, stream, ascii);
        }

        @Override
        public String callId() {
            return callId;
        }

        @Override
        public long t() {
            return t;
        }

        public String stream() {
            return stream;
        }

        public String text() {
            String made = text;
            if (made == null) {
                made = new String(utf8, StandardCharsets.ISO_8859_1); // ASCII: the plainest copy into a string
                text = made;
            }
            return made;
        }

        /** The UTF-8 encoding of {@link #text()} when the tool had it, else null. */
        public byte[] utf8() {
            return utf8;
        }

        /** {@code text().length()}, known without making the text. */
        public int textLength() {
            return textLength;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Output other && t == other.t && Objects.equals(callId, other.callId)
                    && Objects.equals(stream, other.stream) && text().equals(other.text());
        }

        @Override
        public int hashCode() {
            return Objects.hash(callId, t, stream, text());
        }

        @Override
        public String toString() {
            return "Output[callId=" + callId + ", t=" + t + ", stream=" + stream + ", text=" + text() + "]";
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

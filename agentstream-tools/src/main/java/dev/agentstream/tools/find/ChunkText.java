package dev.agentstream.tools.find;

import java.nio.charset.StandardCharsets;

/**
 * A chunk of a file (whole lines) as text a {@link LineMatcher} searches. Either the bytes seen one char
 * per byte (Latin-1: a plain copy, and positions are byte offsets; what literal search wants), or the
 * bytes decoded as UTF-8 (what a regular expression needs). Lines are shown decoded as UTF-8 either way.
 */
final class ChunkText {

    private final String text;
    /** The raw bytes when {@link #text} is their one-char-per-byte view; null when text is decoded UTF-8. */
    private final byte[] bytes;

    private ChunkText(String text, byte[] bytes) {
        this.text = text;
        this.bytes = bytes;
    }

    static ChunkText bytesAsChars(byte[] bytes, int length) {
        return new ChunkText(new String(bytes, 0, length, StandardCharsets.ISO_8859_1), bytes);
    }

    static ChunkText utf8(byte[] bytes, int length) {
        return new ChunkText(new String(bytes, 0, length, StandardCharsets.UTF_8), null);
    }

    String text() {
        return text;
    }

    int length() {
        return text.length();
    }

    /** The text of the line in [start, end), decoded. */
    String line(int start, int end) {
        return bytes != null ? new String(bytes, start, end - start, StandardCharsets.UTF_8) : text.substring(start, end);
    }

    /** How many decoded chars of the line starting at {@code lineStart} come before {@code position}. */
    int column(int lineStart, int position) {
        return bytes != null ? new String(bytes, lineStart, position - lineStart, StandardCharsets.UTF_8).length()
                : position - lineStart;
    }
}

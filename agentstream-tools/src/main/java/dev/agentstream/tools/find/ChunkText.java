package dev.agentstream.tools.find;

import dev.agentstream.tools.fs.ByteScan;
import java.nio.charset.StandardCharsets;

/**
 * A chunk of a file (whole lines) as a {@link LineMatcher} searches it. Either the raw bytes, where positions
 * are byte offsets and nothing is copied or decoded (what literal search and a regex's prefilter want), or
 * the bytes decoded as UTF-8, where positions are chars (what a regular expression run over the whole chunk
 * needs). Lines are shown decoded as UTF-8 either way.
 */
final class ChunkText {

    /** The raw bytes, or null when the chunk is decoded text. */
    private final byte[] bytes;
    private final int length;
    /** The decoded text; for raw bytes, their one-char-per-byte view, made only if asked for. */
    private String text;

    private ChunkText(byte[] bytes, int length, String text) {
        this.bytes = bytes;
        this.length = length;
        this.text = text;
    }

    static ChunkText rawBytes(byte[] bytes, int length) {
        return new ChunkText(bytes, length, null);
    }

    static ChunkText utf8(byte[] bytes, int length) {
        String decoded = new String(bytes, 0, length, StandardCharsets.UTF_8);
        return new ChunkText(null, decoded.length(), decoded);
    }

    /** Whether positions are byte offsets into {@link #bytes()}. */
    boolean isRaw() {
        return bytes != null;
    }

    /** The raw bytes (positions {@code [0, length())}); only for a raw chunk. */
    byte[] bytes() {
        return bytes;
    }

    /** The chunk as text: decoded, or for raw bytes one char per byte (a copy, made once). */
    String text() {
        if (text == null) text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        return text;
    }

    int length() {
        return length;
    }

    char charAt(int position) {
        return bytes != null ? (char) (bytes[position] & 0xFF) : text.charAt(position);
    }

    /** The first newline at or after {@code from}, or -1. */
    int newlineAtOrAfter(int from) {
        return bytes != null ? ByteScan.indexOf(bytes, from, length, (byte) '\n') : text.indexOf('\n', from);
    }

    /** The last newline before {@code end}, or -1. */
    int newlineBefore(int end) {
        return bytes != null ? ByteScan.lastIndexOf(bytes, 0, end, (byte) '\n') : text.lastIndexOf('\n', end - 1);
    }

    /** How many newlines {@code [from, to)} holds. */
    int newlines(int from, int to) {
        if (bytes != null) return ByteScan.count(bytes, from, to, (byte) '\n');
        int n = 0;
        for (int i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
        return n;
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

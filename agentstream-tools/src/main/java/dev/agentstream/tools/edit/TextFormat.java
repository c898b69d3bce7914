package dev.agentstream.tools.edit;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How a text file is stored on disk: its charset, the byte-order mark in front of it (kept on every write),
 * and its line ending. Edits decode with this and encode back with it, so a file keeps its bytes apart
 * from the edited region.
 *
 * @param charset    the charset of the bytes after the BOM (never the BOM-handling "UTF-16")
 * @param bom        the byte-order mark the file starts with, or an empty array
 * @param lineEnding {@code "\n"} or {@code "\r\n"}
 */
record TextFormat(Charset charset, byte[] bom, String lineEnding) {

    static final String LF = "\n";
    static final String CRLF = "\r\n";

    /** How many leading bytes {@link #sniff} looks at; enough to tell text from binary in practice. */
    static final int SNIFF_BYTES = 8192;

    private static final byte[] NO_BOM = {};
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] UTF16BE_BOM = {(byte) 0xFE, (byte) 0xFF};
    private static final byte[] UTF16LE_BOM = {(byte) 0xFF, (byte) 0xFE};

    /** What a new file gets: UTF-8 without a BOM, LF. */
    static TextFormat defaults() {
        return new TextFormat(StandardCharsets.UTF_8, NO_BOM, LF);
    }

    /**
     * The charset and BOM of a file from its first bytes, or empty when they look binary (a NUL byte in a
     * file without a UTF-16 BOM: text in UTF-8 or any ASCII-based charset never holds one).
     */
    static Optional<TextFormat> sniff(byte[] head, int length) {
        if (startsWith(head, length, UTF8_BOM)) return Optional.of(new TextFormat(StandardCharsets.UTF_8, UTF8_BOM, LF));
        if (startsWith(head, length, UTF16LE_BOM)) return Optional.of(new TextFormat(StandardCharsets.UTF_16LE, UTF16LE_BOM, LF));
        if (startsWith(head, length, UTF16BE_BOM)) return Optional.of(new TextFormat(StandardCharsets.UTF_16BE, UTF16BE_BOM, LF));
        for (int i = 0; i < length; i++) {
            if (head[i] == 0) return Optional.empty();
        }
        return Optional.of(new TextFormat(StandardCharsets.UTF_8, NO_BOM, LF));
    }

    /** This format with the line ending most lines of {@code text} use (LF when there are none). */
    TextFormat withLineEndingOf(String text) {
        long crlf = 0;
        long lf = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            if (i > 0 && text.charAt(i - 1) == '\r') crlf++;
            else lf++;
        }
        return new TextFormat(charset, bom, crlf > lf ? CRLF : LF);
    }

    boolean isCrlf() {
        return lineEnding.equals(CRLF);
    }

    /**
     * {@code text} (from the model, which writes {@code \n}) with every line break in this file's line ending,
     * so it matches the file and writes back consistently.
     */
    String toFileLineEndings(String text) {
        String lf = text.replace(CRLF, LF);
        return isCrlf() ? lf.replace(LF, CRLF) : lf;
    }

    String describe() {
        String name = charset.equals(StandardCharsets.UTF_8) ? "UTF-8" : charset.equals(StandardCharsets.UTF_16LE) ? "UTF-16LE" : "UTF-16BE";
        return name + (bom.length > 0 && charset.equals(StandardCharsets.UTF_8) ? " with BOM" : "") + ", " + (isCrlf() ? "CRLF" : "LF");
    }

    private static boolean startsWith(byte[] head, int length, byte[] prefix) {
        if (length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if (head[i] != prefix[i]) return false;
        }
        return true;
    }
}

package dev.agentstream.cli;

import dev.agentstream.core.view.ByteScan;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable UTF-8 buffer that JSON strings are quoted into byte for byte as Jackson's UTF-8 generator quotes
 * them (control chars as {@code \n}-style or {@code \\u}{@code 00XX} escapes, {@code "} and {@code \\} escaped,
 * everything else, non-ASCII included, as its UTF-8 bytes), but with the runs between escapes found eight
 * bytes at a time and copied whole: on file content, where escapes are a tab and a newline per line, that
 * is what writing a large output event costs, instead of a table lookup per char.
 */
final class Utf8JsonText {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes = new byte[KEPT_BYTES];
    private int length;

    private static final int KEPT_BYTES = 1 << 16;

    /** Empties the buffer; one that grew for an unusually large string is let go. */
    void clear() {
        length = 0;
        if (bytes.length > 16 * KEPT_BYTES) bytes = new byte[KEPT_BYTES];
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    Utf8JsonText ascii(String s) {
        int n = s.length();
        ensure(n);
        s.getBytes(0, n, bytes, length); // ASCII only: the deprecated method is exactly the copy wanted
        length += n;
        return this;
    }

    Utf8JsonText number(long value) {
        return ascii(Long.toString(value));
    }

    /**
     * Appends {@code s} as a quoted JSON string; false (and nothing appended) when it holds a surrogate, which
     * Jackson writes as a six-char escape where UTF-8 would join the pair or write {@code ?}.
     */
    boolean quoted(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (mayHoldSurrogate(s, utf8) && hasSurrogate(s)) return false;
        return quotedUtf8(utf8);
    }

    /**
     * As {@link #quoted(String)} for a string whose UTF-8 encoding the caller has ({@code utf8}, exactly
     * {@code s.getBytes(UTF_8)}, so the string is never encoded again): in valid UTF-8 a surrogate can only be
     * half of a pair, which is a four-byte sequence, so the bytes are looked through for a four-byte lead.
     */
    boolean quoted(String s, byte[] utf8) {
        if (utf8 == null) return quoted(s);
        if (hasFourByteLead(utf8)) return false;
        return quotedUtf8(utf8);
    }

    private boolean quotedUtf8(byte[] utf8) {
        ensure(utf8.length + 2);
        bytes[length++] = '"';
        int i = 0;
        while (i < utf8.length) {
            int next = nextToEscape(utf8, i, utf8.length);
            int run = next - i;
            ensure(run + 7);
            System.arraycopy(utf8, i, bytes, length, run);
            length += run;
            if (next == utf8.length) break;
            escape(utf8[next]);
            i = next + 1;
        }
        bytes[length++] = '"';
        return true;
    }

    /** The index of the first byte in {@code [from, to)} that JSON needs escaped, or {@code to}. */
    static int nextToEscape(byte[] b, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long w = (long) LONGS.get(b, i);
            // per byte, the high bit set where it is below 0x20, or equal to '"', or to '\\' (bytes >= 0x80 never
            // match); the lowest flagged byte is always a real one, which is all that is needed here
            long quote = w ^ 0x2222222222222222L;
            long backslash = w ^ 0x5C5C5C5C5C5C5C5CL;
            long found = ((w - 0x20 * ONES) & ~w | (quote - ONES) & ~quote | (backslash - ONES) & ~backslash) & HIGHS;
            if (found != 0) return i + (Long.numberOfTrailingZeros(found) >>> 3);
        }
        for (; i < to; i++) {
            byte c = b[i];
            if ((c >= 0 && c < 0x20) || c == '"' || c == '\\') return i;
        }
        return to;
    }

    /** Whether a byte of {@code b} is 0xF0 or above: the lead of a four-byte UTF-8 sequence (a char beyond U+FFFF). */
    static boolean hasFourByteLead(byte[] b) {
        int i = 0;
        for (; i + Long.BYTES <= b.length; i += Long.BYTES) {
            // a byte's high nibble is F exactly when that byte of the xor is zero: the zero-byte test flags it
            long x = ((long) LONGS.get(b, i) & 0xF0F0F0F0F0F0F0F0L) ^ 0xF0F0F0F0F0F0F0F0L;
            if (((x - ONES) & ~x & HIGHS) != 0) return true;
        }
        for (; i < b.length; i++) {
            if ((b[i] & 0xF0) == 0xF0) return true;
        }
        return false;
    }

    private void escape(byte c) {
        bytes[length++] = '\\';
        switch (c) {
            case '"', '\\' -> bytes[length++] = c;
            case '\n' -> bytes[length++] = 'n';
            case '\t' -> bytes[length++] = 't';
            case '\r' -> bytes[length++] = 'r';
            case '\b' -> bytes[length++] = 'b';
            case '\f' -> bytes[length++] = 'f';
            default -> {
                bytes[length++] = 'u';
                bytes[length++] = '0';
                bytes[length++] = '0';
                bytes[length++] = HEX[c >> 4];
                bytes[length++] = HEX[c & 0xF];
            }
        }
    }

    /**
     * False when {@code s} surely holds no surrogate: each char became one byte (so all are ASCII, or lone
     * surrogates that UTF-8 made {@code ?}) and there are as many {@code ?} bytes as {@code ?} chars.
     */
    private static boolean mayHoldSurrogate(String s, byte[] utf8) {
        if (utf8.length != s.length()) return true;
        int chars = 0;
        for (int i = s.indexOf('?'); i >= 0; i = s.indexOf('?', i + 1)) chars++;
        return chars != ByteScan.count(utf8, 0, utf8.length, (byte) '?');
    }

    private static boolean hasSurrogate(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (Character.isSurrogate(s.charAt(i))) return true;
        }
        return false;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(length + more, bytes.length * 2));
    }
}

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
     * As {@link #quoted(String)} for a string the caller has as valid UTF-8 ({@code utf8}, so it is never encoded
     * again, or even made): in valid UTF-8 a surrogate can only be half of a pair, which is a four-byte sequence,
     * so the bytes are looked through for a four-byte lead while they are copied, and what was appended is taken
     * back if one turns up.
     */
    boolean quotedUtf8WithoutSurrogates(byte[] utf8) {
        int start = length;
        if (quotedUtf8(utf8, true)) return true;
        length = start;
        return false;
    }

    private boolean quotedUtf8(byte[] utf8) {
        return quotedUtf8(utf8, false);
    }

    /**
     * Copies {@code utf8} quoted and escaped, eight bytes at a time: each word is stored whole, then the end moved
     * back to its first byte that needs an escape (file content has a tab and a line feed every few dozen bytes,
     * and a copy call per run between them cost more than the scan). False, with part of it appended, when
     * {@code refuseFourByteLeads} and it holds one.
     */
    private boolean quotedUtf8(byte[] utf8, boolean refuseFourByteLeads) {
        int n = utf8.length;
        ensure(n + 2 + Long.BYTES);
        byte[] dst = bytes;
        int d = length;
        dst[d++] = '"';
        int i = 0;
        while (i + Long.BYTES <= n) {
            long w = (long) LONGS.get(utf8, i);
            if (refuseFourByteLeads && (w & HIGHS) != 0 && hasFourByteLead(w)) {
                length = d;
                return false;
            }
            LONGS.set(dst, d, w);
            long found = needsEscape(w);
            if (found == 0) {
                i += Long.BYTES;
                d += Long.BYTES;
                continue;
            }
            int clean = Long.numberOfTrailingZeros(found) >>> 3;
            i += clean;
            d += clean;
            // an escape is at most six bytes for one: room for it and for the rest unescaped, a word over
            if (d + 6 + (n - i) + 1 + Long.BYTES > dst.length) {
                length = d;
                ensure(6 + (n - i) + 1 + Long.BYTES);
                dst = bytes;
            }
            d = escape(dst, d, utf8[i]);
            i++;
        }
        for (; i < n; i++) {
            byte c = utf8[i];
            if (refuseFourByteLeads && (c & 0xF0) == 0xF0) {
                length = d;
                return false;
            }
            if (d + 6 + (n - i) + 1 > dst.length) {
                length = d;
                ensure(6 + (n - i) + 1);
                dst = bytes;
            }
            if ((c >= 0 && c < 0x20) || c == '"' || c == '\\') d = escape(dst, d, c);
            else dst[d++] = c;
        }
        dst[d++] = '"';
        length = d;
        return true;
    }

    /**
     * Per byte of {@code w}, the high bit set where it is below 0x20, or equal to '"', or to '\\' (bytes >= 0x80
     * never match); the lowest flagged byte is always a real one, which is all that is asked of it.
     */
    private static long needsEscape(long w) {
        long quote = w ^ 0x2222222222222222L;
        long backslash = w ^ 0x5C5C5C5C5C5C5C5CL;
        return ((w - 0x20 * ONES) & ~w | (quote - ONES) & ~quote | (backslash - ONES) & ~backslash) & HIGHS;
    }

    /** The index of the first byte in {@code [from, to)} that JSON needs escaped, or {@code to}. */
    static int nextToEscape(byte[] b, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long found = needsEscape((long) LONGS.get(b, i));
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
            if (hasFourByteLead((long) LONGS.get(b, i))) return true;
        }
        for (; i < b.length; i++) {
            if ((b[i] & 0xF0) == 0xF0) return true;
        }
        return false;
    }

    private static boolean hasFourByteLead(long w) {
        // a byte's high nibble is F exactly when that byte of the xor is zero: the zero-byte test flags it
        long x = (w & 0xF0F0F0F0F0F0F0F0L) ^ 0xF0F0F0F0F0F0F0F0L;
        return ((x - ONES) & ~x & HIGHS) != 0;
    }

    /** Writes {@code c}'s escape at {@code dst[d]}; returns the index after it. */
    private static int escape(byte[] dst, int d, byte c) {
        dst[d++] = '\\';
        switch (c) {
            case '"', '\\' -> dst[d++] = c;
            case '\n' -> dst[d++] = 'n';
            case '\t' -> dst[d++] = 't';
            case '\r' -> dst[d++] = 'r';
            case '\b' -> dst[d++] = 'b';
            case '\f' -> dst[d++] = 'f';
            default -> {
                dst[d++] = 'u';
                dst[d++] = '0';
                dst[d++] = '0';
                dst[d++] = HEX[c >> 4];
                dst[d++] = HEX[c & 0xF];
            }
        }
        return d;
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

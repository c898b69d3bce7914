package dev.agentstream.tools.fs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte scans over a byte array eight bytes at a time (SWAR: each long read holds eight bytes, and a few
 * arithmetic steps tell which of them are zero). They search the buffer a file was read into as it is: the
 * alternative, copying it into a Latin-1 {@code String} for the JDK's vectorised {@code indexOf}, costs a
 * fresh allocation the size of every file searched, and on a tree of small files that copy took as long as
 * the search itself.
 */
public final class ByteScan {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final long ONES = 0x0101010101010101L;
    private static final long LOW_SEVEN = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGHS = 0x8080808080808080L;

    private ByteScan() {}

    /** The eight bytes at {@code index} as a little-endian long: the byte at {@code index} is the lowest. */
    public static long longAt(byte[] bytes, int index) {
        return (long) LONGS.get(bytes, index);
    }

    /** {@code b} in every byte of a long. */
    public static long broadcast(int b) {
        return (b & 0xFF) * ONES;
    }

    /** Whether some byte of {@code word} is zero; exact, and cheaper than {@link #zeroBytes}. */
    public static boolean hasZeroByte(long word) {
        return zeroByteFlags(word) != 0;
    }

    /**
     * The high bit of every zero byte of {@code word}, and possibly of bytes above a zero byte (the borrow
     * of the subtraction crosses into them): a superset of {@link #zeroBytes}, cheaper, and empty exactly
     * when no byte is zero.
     */
    public static long zeroByteFlags(long word) {
        return (word - ONES) & ~word & HIGHS;
    }

    /** The high bit of every zero byte of {@code word}, and no other bit (no carry crosses from byte to byte). */
    public static long zeroBytes(long word) {
        return ~(((word & LOW_SEVEN) + LOW_SEVEN) | word | LOW_SEVEN);
    }

    /** The index of the byte whose high bit is the lowest set bit of a {@link #zeroBytes} mask, counted from the word's start. */
    public static int firstByte(long zeroMask) {
        return Long.numberOfTrailingZeros(zeroMask) >>> 3;
    }

    /** The first index of {@code b} in {@code bytes[from, to)}, or -1. */
    public static int indexOf(byte[] bytes, int from, int to, byte b) {
        long pattern = broadcast(b);
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long word = longAt(bytes, i) ^ pattern;
            if (hasZeroByte(word)) return i + firstByte(zeroBytes(word));
        }
        for (; i < to; i++) {
            if (bytes[i] == b) return i;
        }
        return -1;
    }

    /** The last index of {@code b} in {@code bytes[from, to)}, or -1. */
    public static int lastIndexOf(byte[] bytes, int from, int to, byte b) {
        int i = to;
        for (; i - Long.BYTES >= from; i -= Long.BYTES) {
            long word = longAt(bytes, i - Long.BYTES) ^ broadcast(b);
            if (hasZeroByte(word)) return i - 1 - (Long.numberOfLeadingZeros(zeroBytes(word)) >>> 3);
        }
        for (i--; i >= from; i--) {
            if (bytes[i] == b) return i;
        }
        return -1;
    }

    /** How many times {@code b} occurs in {@code bytes[from, to)}. */
    public static int count(byte[] bytes, int from, int to, byte b) {
        long pattern = broadcast(b);
        int n = 0;
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            n += Long.bitCount(zeroBytes(longAt(bytes, i) ^ pattern));
        }
        for (; i < to; i++) {
            if (bytes[i] == b) n++;
        }
        return n;
    }
}

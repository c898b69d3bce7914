package dev.agentstream.core.view;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds and counts one byte value in a byte array eight bytes at a time (a long read and a few bit operations
 * per eight bytes, instead of a compare and branch per byte). Made for UTF-8, where a byte below 0x80 only
 * ever is that ASCII char: the line feeds of a chunk of output are found and counted without decoding it.
 */
public final class ByteScan {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private ByteScan() {}

    /** How many of {@code b[from, to)} equal {@code value}. */
    public static long count(byte[] b, int from, int to, byte value) {
        long pattern = (value & 0xFFL) * ONES;
        long count = 0;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            count += Long.bitCount(equalBytes((long) LONGS.get(b, i), pattern));
        }
        for (; i < to; i++) {
            if (b[i] == value) count++;
        }
        return count;
    }

    /** The index of the first of {@code b[from, to)} that equals {@code value}, or -1. */
    public static int indexOf(byte[] b, int from, int to, byte value) {
        long pattern = (value & 0xFFL) * ONES;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long found = equalBytes((long) LONGS.get(b, i), pattern);
            if (found != 0) return i + (Long.numberOfTrailingZeros(found) >>> 3);
        }
        for (; i < to; i++) {
            if (b[i] == value) return i;
        }
        return -1;
    }

    /**
     * The index of the first of {@code b[from, to)} that equals {@code value} or is not ASCII (0x80 or above), or
     * -1: a search for an ASCII byte that also tells, at the cost of one more operation per eight bytes, whether
     * the bytes before it are all ASCII.
     */
    public static int indexOfOrNonAscii(byte[] b, int from, int to, byte value) {
        long pattern = (value & 0xFFL) * ONES;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(b, i);
            long found = equalBytes(word, pattern) | (word & HIGHS);
            if (found != 0) return i + (Long.numberOfTrailingZeros(found) >>> 3);
        }
        for (; i < to; i++) {
            if (b[i] == value || b[i] < 0) return i;
        }
        return -1;
    }

    /** The high bit of each byte of the result set exactly where that byte of {@code word} equals that of {@code pattern}. */
    private static long equalBytes(long word, long pattern) {
        long x = word ^ pattern; // a zero byte where they are equal
        return ~(((x & LOW7) + LOW7) | x | LOW7); // exact: no carry crosses from one byte into the next
    }
}

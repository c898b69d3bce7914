package dev.agentstream.core.view;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Counts the bytes of one value in a byte array eight at a time (a long read and a few bit operations per eight
 * bytes, instead of a compare and branch per byte): the line feeds of a chunk of UTF-8 output, where a line
 * feed is always the byte 0x0A, so its lines are counted without decoding it.
 */
final class ByteCount {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long ONES = 0x0101010101010101L;

    private ByteCount() {}

    /** How many of {@code b[from, to)} equal {@code value}. */
    static long of(byte[] b, int from, int to, byte value) {
        long pattern = (value & 0xFFL) * ONES;
        long count = 0;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = (long) LONGS.get(b, i) ^ pattern; // a zero byte where b equals value
            // the high bit of each byte set exactly where that byte of x is zero (no carries between bytes)
            long zero = ~(((x & LOW7) + LOW7) | x | LOW7);
            count += Long.bitCount(zero);
        }
        for (; i < to; i++) {
            if (b[i] == value) count++;
        }
        return count;
    }
}

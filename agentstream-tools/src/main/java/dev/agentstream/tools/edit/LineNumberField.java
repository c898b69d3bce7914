package dev.agentstream.tools.edit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A line number as {@code cat -n} prints it (right-aligned in six columns, then a tab), kept as its bytes and
 * counted up in place, as {@code cat} does: numbering a file of many short lines writes one per line, and
 * formatting each from a long (a division per digit) cost more than finding the line's end.
 */
final class LineNumberField {

    static final int WIDTH = 6;
    /** Bytes {@link #writeTo} may store past the field's end (two words), which the caller's array must have room for. */
    static final int OVERRUN = 2 * Long.BYTES;
    private static final int MAX_DIGITS = 19; // Long.MAX_VALUE
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Digits right-aligned before a tab at {@link #tab}, spaces in front of them, {@link #OVERRUN} bytes of padding after. */
    private final byte[] field = new byte[MAX_DIGITS + 1 + OVERRUN];
    private final int tab = MAX_DIGITS;
    /** Where the field as printed starts (spaces included). */
    private int from;
    /**
     * The field's first sixteen bytes, which hold all of it for numbers below 10^15: two stores write it. Every
     * width a real file reaches takes the same path, so the compiled numbering loop never meets a branch it has
     * not seen (with one store for eight bytes and a copy beyond, the JIT threw its code away at line 10,000,000).
     */
    private long word;
    private long secondWord;

    /** @param number the first line's number, at least 1 */
    LineNumberField(long number) {
        if (number < 1) throw new IllegalArgumentException("line numbers start at 1: " + number);
        Arrays.fill(field, 0, tab, (byte) ' ');
        field[tab] = '\t';
        int p = tab;
        for (long rest = number; rest > 0; rest /= 10) field[--p] = (byte) ('0' + rest % 10);
        changed(p);
    }

    /** Writes the field at {@code out[at]}, which must have {@link #OVERRUN} bytes of room past it; returns the index after its tab. */
    int writeTo(byte[] out, int at) {
        int length = tab + 1 - from;
        if (length <= 2 * Long.BYTES) {
            LONGS.set(out, at, word);
            LONGS.set(out, at + Long.BYTES, secondWord);
        } else {
            System.arraycopy(field, from, out, at, length);
        }
        return at + length;
    }

    /** The next line's number. */
    void increment() {
        int p = tab - 1;
        while (field[p] == '9') field[p--] = '0';
        if (field[p] == ' ') {
            field[p] = '1';
            changed(p);
        } else {
            field[p]++;
            changed(from);
        }
    }

    private void changed(int firstDigitOrEarlier) {
        from = Math.min(firstDigitOrEarlier, tab - WIDTH);
        word = (long) LONGS.get(field, from);
        secondWord = (long) LONGS.get(field, from + Long.BYTES);
    }
}

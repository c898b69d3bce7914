package dev.agentstream.core.view;

/**
 * Streaming removal of ANSI/VT escape sequences and control characters, in place on a char array. State is
 * carried across calls, so a sequence split between two chunks is still removed whole.
 *
 * <p>Kept: printable characters, {@code \n}, {@code \t}, and the two overwrite controls {@code \r} and
 * {@code \b} (left for the line logic to interpret). Removed: CSI ({@code ESC [ params intermediates final}),
 * string sequences OSC/DCS/SOS/PM/APC ({@code ESC ] P X ^ _ ... } ended by BEL or {@code ESC \}), two- and
 * three-char ESC sequences ({@code ESC 7}, {@code ESC ( B}), every other C0 control, DEL and the C1 range
 * U+0080..U+009F. A string sequence that never ends is abandoned after {@link #MAX_STRING} chars so a stray
 * {@code ESC ]} cannot swallow all later output; {@link #hiddenInOpenStrings()} says how much such strings hid, so
 * the view can tell the model rather than silently lose it.
 *
 * <p>Also counts the UTF-8 length of everything it is fed (a surrogate counts 2, so a pair counts 4).
 */
final class AnsiStripper {

    static final int MAX_STRING = 1 << 20;

    private static final int GROUND = 0;
    private static final int ESC = 1;
    private static final int ESC_INTERMEDIATE = 2;
    private static final int CSI = 3;
    private static final int STRING = 4;
    private static final int STRING_ESC = 5;

    private static final char ESC_CHAR = 0x1B;
    private static final char BEL = 0x07;
    private static final char CAN = 0x18;
    private static final char SUB = 0x1A;

    private int state = GROUND;
    private int stringLen;
    private char stringIntroducer;
    private long abandonedStringChars;
    private long utf8Bytes;

    /**
     * Strips {@code a[off, off+len)} in place; the kept chars end up in {@code a[off, off+result)}.
     */
    int strip(char[] a, int off, int len) {
        int st = state;
        int sl = stringLen;
        long bytes = utf8Bytes;
        int w = off;
        final int end = off + len;
        for (int r = off; r < end; r++) {
            final char c = a[r];
            if (c < 0x80) bytes++;
            else if (c < 0x800 || Character.isSurrogate(c)) bytes += 2;
            else bytes += 3;

            if (st == GROUND) { // fast path
                if (c >= 0x20) {
                    if (c < 0x7F || c > 0x9F) a[w++] = c;
                } else if (c == ESC_CHAR) {
                    st = ESC;
                } else if (c == '\n' || c == '\t' || c == '\r' || c == '\b') {
                    a[w++] = c;
                }
                continue;
            }
            dispatch:
            for (;;) { // 'continue dispatch' re-examines c in the new state
                switch (st) {
                    case GROUND -> {
                        if (c == ESC_CHAR) st = ESC;
                        else if (keep(c)) a[w++] = c;
                    }
                    case ESC -> {
                        if (c == '[') st = CSI;
                        else if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_') {
                            st = STRING;
                            sl = 0;
                            stringIntroducer = c;
                        } else if (c >= 0x20 && c <= 0x2F) st = ESC_INTERMEDIATE;
                        else if (c >= 0x30 && c <= 0x7E) st = GROUND;
                        else if (c != ESC_CHAR) { // ESC ESC: the first is dropped, a new sequence begins
                            st = GROUND;
                            continue dispatch;
                        }
                    }
                    case ESC_INTERMEDIATE -> {
                        if (c >= 0x30 && c <= 0x7E) st = GROUND;
                        else if (c == ESC_CHAR) st = ESC;
                        else if (c < 0x20 || c > 0x2F) {
                            st = GROUND;
                            continue dispatch;
                        }
                    }
                    case CSI -> {
                        if (c >= 0x40 && c <= 0x7E) st = GROUND; // final byte
                        else if (c >= 0x20 && c <= 0x3F) { /* parameter or intermediate byte */ }
                        else if (c == ESC_CHAR) st = ESC;
                        else if (c == CAN || c == SUB) st = GROUND;
                        else if (c < 0x20) { // C0 controls inside CSI are executed, as a terminal does
                            if (keep(c)) a[w++] = c;
                        } else if (c != 0x7F) { // not part of any CSI: abandon the sequence
                            st = GROUND;
                            continue dispatch;
                        }
                    }
                    case STRING -> {
                        if (c == BEL || c == CAN || c == SUB) st = GROUND;
                        else if (c == ESC_CHAR) st = STRING_ESC;
                        else if (++sl > MAX_STRING) {
                            abandonedStringChars += MAX_STRING;
                            st = GROUND;
                            continue dispatch;
                        }
                    }
                    case STRING_ESC -> {
                        if (c == '\\') st = GROUND; // ST
                        else { // the string ended; this ESC starts a new sequence
                            st = ESC;
                            continue dispatch;
                        }
                    }
                    default -> throw new IllegalStateException("state " + st);
                }
                break;
            }
        }
        state = st;
        stringLen = sl;
        utf8Bytes = bytes;
        return w - off;
    }

    /**
     * Chars hidden by string sequences that did not end: those given up after {@link #MAX_STRING} chars, plus
     * the string still open now, if it is longer than {@code openThreshold} (a short open one is most likely a
     * real sequence whose end has not arrived yet).
     */
    long hiddenInOpenStrings(int openThreshold) {
        boolean open = state == STRING || state == STRING_ESC;
        return abandonedStringChars + (open && stringLen > openThreshold ? stringLen : 0);
    }

    /** How the last string sequence began, as in {@code "ESC ]"}. */
    String lastStringIntroducer() {
        return "ESC " + stringIntroducer;
    }

    long utf8Bytes() {
        return utf8Bytes;
    }

    private static boolean keep(char c) {
        if (c >= 0x20) return c < 0x7F || c > 0x9F;
        return c == '\n' || c == '\t' || c == '\r' || c == '\b';
    }
}

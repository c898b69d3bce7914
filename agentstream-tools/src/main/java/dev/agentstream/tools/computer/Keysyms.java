package dev.agentstream.tools.computer;

/** The X keysym that types a character: Latin-1 keysyms equal the code point, others use the Unicode keysym range. */
final class Keysyms {

    static final long RETURN = 0xff0d;
    static final long TAB = 0xff09;
    static final long BACKSPACE = 0xff08;
    static final long ESCAPE = 0xff1b;
    static final long SHIFT_L = 0xffe1;
    private static final long UNICODE_OFFSET = 0x01000000L;

    private Keysyms() {}

    /** The keysym for a code point, or {@link Xlib#NO_SYMBOL} for a control character that no key types. */
    static long forCodePoint(int codePoint) {
        switch (codePoint) {
            case '\n', '\r' -> {
                return RETURN;
            }
            case '\t' -> {
                return TAB;
            }
            case '\b' -> {
                return BACKSPACE;
            }
            case 0x1b -> {
                return ESCAPE;
            }
            default -> {
                // fall through to the ranges below
            }
        }
        if (Character.isISOControl(codePoint)) return Xlib.NO_SYMBOL;
        if ((codePoint >= 0x20 && codePoint <= 0x7e) || (codePoint >= 0xa0 && codePoint <= 0xff)) return codePoint;
        return UNICODE_OFFSET | codePoint;
    }
}

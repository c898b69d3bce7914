package dev.agentstream.tools.find;

/** Counting over UTF-8 bytes without decoding them. */
final class Utf8 {

    private Utf8() {}

    /**
     * How many chars {@code bytes[from, to)} decode to: one per sequence, two for a four-byte one (a surrogate
     * pair). Exact for valid UTF-8.
     */
    static long chars(byte[] bytes, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xFF;
            if ((b & 0xC0) != 0x80) n += b >= 0xF0 ? 2 : 1;
        }
        return n;
    }

    /** How many bytes {@code text[0, chars)} encodes to in UTF-8. */
    static int bytes(String text, int chars) {
        int n = 0;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x80) n++;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(text.charAt(i + 1))) {
                n += 4;
                i++;
            } else n += 3;
        }
        return n;
    }
}

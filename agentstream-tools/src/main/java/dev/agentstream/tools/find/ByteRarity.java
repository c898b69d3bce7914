package dev.agentstream.tools.find;

/**
 * How often each byte value occurs in the text people search (source code above all), roughly: a search
 * anchored on a run's rarest byte stops at few places that turn out not to match.
 */
final class ByteRarity {

    /**
     * Printable ASCII, tab and newline from the most to the least frequent, as measured over C headers
     * ({@code /usr/include}) and this project's Java, Markdown and scripts: {@code _} is more common in code
     * than most letters. A byte not listed is rarer than all of these: control bytes are; bytes of multi-byte
     * UTF-8 sequences rank just after the listed ones, so a run of ASCII and other text is anchored on its
     * other text, which is rarer in most trees.
     */
    private static final String MOST_FREQUENT_FIRST =
            " etnsirao_lc\ndpu)(Shmf.E*gT,OCIL/NyRA;\"Pkbv-0xwMD1F#={}BGUX2:\t><5VHKj9@\\34Y8+6qzW'|&7[]`J!QZ%?$~^";

    private static final int[] RANK = ranks();

    /**
     * How many of the most frequent bytes count as common: those listed through {@code k}, each over 1% of
     * the bytes of C headers; the rest (b, v, x, digits...) under 1% each, so few eight-byte words hold one.
     */
    private static final int COMMON = MOST_FREQUENT_FIRST.indexOf('k') + 1;

    private ByteRarity() {}

    /** The index in {@code run} of its rarest byte, leaving out the index {@code except} (-1: none left out). */
    static int rarest(byte[] run, int except) {
        int best = -1;
        for (int i = 0; i < run.length; i++) {
            if (i == except) continue;
            if (best < 0 || RANK[run[i] & 0xFF] > RANK[run[best] & 0xFF]) best = i;
        }
        return best;
    }

    /**
     * Whether {@code b} is among the bytes that make up most text (space, the commonest letters, newline):
     * a scan anchored on one of them stops every few words.
     */
    static boolean isCommon(byte b) {
        return RANK[b & 0xFF] < COMMON;
    }

    /** Higher is rarer. */
    private static int[] ranks() {
        int[] rank = new int[256];
        int listed = MOST_FREQUENT_FIRST.length();
        for (int b = 0; b < 256; b++) rank[b] = b >= 0x80 ? listed : listed + 1;
        for (int i = 0; i < listed; i++) rank[MOST_FREQUENT_FIRST.charAt(i)] = i;
        return rank;
    }
}

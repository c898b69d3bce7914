package dev.agentstream.tools.find;

/**
 * Case-insensitive literal search for an ASCII pattern over the raw bytes. Candidates are found with the
 * vectorized {@link String#indexOf(int, int)} for the pattern's rarest letter in either case (in English
 * text and code, a {@code q} is far rarer than an {@code e}), then confirmed with
 * {@link String#regionMatches(boolean, int, String, int, int)}. A byte of a multi-byte UTF-8 sequence never
 * equals an ASCII letter in any case, so no false match comes from non-ASCII text.
 */
final class AsciiIgnoreCaseMatcher implements LineMatcher {

    /** Lower-case letters and space from the most to the least frequent, roughly, in prose and code. */
    private static final String COMMON_FIRST = " etaoinsrlcdhupmfgbywvkxjqz";

    private final String needle;
    /** Where in the needle the anchor char sits. */
    private final int anchor;
    private final char lower;
    private final char upper;

    AsciiIgnoreCaseMatcher(String asciiPattern) {
        this.needle = asciiPattern;
        this.anchor = rarest(asciiPattern);
        char c = asciiPattern.charAt(anchor);
        this.lower = Character.toLowerCase(c);
        this.upper = Character.toUpperCase(c);
    }

    static boolean isAscii(String pattern) {
        return pattern.chars().allMatch(c -> c < 0x80);
    }

    @Override
    public int find(ChunkText chunk, int from) {
        String text = chunk.text();
        int last = text.length() - needle.length();
        int searchFrom = from + anchor;
        int nextLower = text.indexOf(lower, searchFrom);
        int nextUpper = lower == upper ? -1 : text.indexOf(upper, searchFrom);
        while (true) {
            int hit = nextLower < 0 ? nextUpper : nextUpper < 0 ? nextLower : Math.min(nextLower, nextUpper);
            if (hit < 0 || hit - anchor > last) return -1;
            int start = hit - anchor;
            if (text.regionMatches(true, start, needle, 0, needle.length())) return start;
            if (hit == nextLower) nextLower = text.indexOf(lower, hit + 1);
            else nextUpper = text.indexOf(upper, hit + 1);
        }
    }

    /** The index of the char least likely to occur in text; letters and space by frequency, anything else rarer. */
    private static int rarest(String pattern) {
        int best = 0;
        int bestRank = -1;
        for (int i = 0; i < pattern.length(); i++) {
            int common = COMMON_FIRST.indexOf(Character.toLowerCase(pattern.charAt(i)));
            int rank = common < 0 ? COMMON_FIRST.length() : common;
            if (rank > bestRank) {
                best = i;
                bestRank = rank;
            }
        }
        return best;
    }

    @Override
    public int maxMatchBytes() {
        return needle.length();
    }
}

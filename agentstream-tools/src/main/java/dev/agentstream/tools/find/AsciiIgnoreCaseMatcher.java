package dev.agentstream.tools.find;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Case-insensitive literal search for an ASCII pattern over the raw bytes. Candidates are found with the
 * vectorized {@link String#indexOf(String, int)} for the pattern's rarest pair of adjacent chars, once for each
 * of its (at most four) ASCII case spellings, then confirmed with
 * {@link String#regionMatches(boolean, int, String, int, int)}. A pair is far rarer than its rarest letter (in
 * English text and code a {@code c} is everywhere, a {@code ct} is not), so few candidates need confirming. A
 * byte of a multi-byte UTF-8 sequence never equals an ASCII letter in any case, so no false match comes from
 * non-ASCII text.
 */
final class AsciiIgnoreCaseMatcher implements LineMatcher {

    /** Lower-case letters and space from the most to the least frequent, roughly, in prose and code. */
    private static final String COMMON_FIRST = " etaoinsrlcdhupmfgbywvkxjqz";

    private final String needle;
    /** Where in the needle the anchor (its rarest pair, or its one char) starts. */
    private final int anchor;
    /** The anchor in each of its ASCII case spellings. */
    private final String[] spellings;
    /** Where each spelling next occurs at or after the last search position; -1: nowhere. */
    private final int[] next;

    AsciiIgnoreCaseMatcher(String asciiPattern) {
        this.needle = asciiPattern;
        int width = Math.min(2, asciiPattern.length());
        this.anchor = rarest(asciiPattern, width);
        this.spellings = spellings(asciiPattern.substring(anchor, anchor + width));
        this.next = new int[spellings.length];
    }

    static boolean isAscii(String pattern) {
        return pattern.chars().allMatch(c -> c < 0x80);
    }

    @Override
    public int find(ChunkText chunk, int from) {
        String text = chunk.text();
        int last = text.length() - needle.length();
        int searchFrom = from + anchor;
        for (int i = 0; i < spellings.length; i++) next[i] = text.indexOf(spellings[i], searchFrom);
        while (true) {
            int nearest = -1;
            for (int i = 0; i < next.length; i++) {
                if (next[i] >= 0 && (nearest < 0 || next[i] < next[nearest])) nearest = i;
            }
            if (nearest < 0) return -1;
            int hit = next[nearest];
            if (hit - anchor > last) return -1;
            int start = hit - anchor;
            if (text.regionMatches(true, start, needle, 0, needle.length())) return start;
            next[nearest] = text.indexOf(spellings[nearest], hit + 1);
        }
    }

    /** Every ASCII upper/lower-case spelling of {@code text} (one or two chars), without repeats. */
    private static String[] spellings(String text) {
        Set<String> all = new LinkedHashSet<>();
        all.add(text.toLowerCase(Locale.ROOT));
        for (int mask = 0; mask < 1 << text.length(); mask++) {
            StringBuilder spelling = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                spelling.append((mask & 1 << i) != 0 ? Character.toUpperCase(c) : Character.toLowerCase(c));
            }
            all.add(spelling.toString());
        }
        return all.toArray(String[]::new);
    }

    /** Where the {@code width} adjacent chars least likely to occur in text start; letters and space by frequency, anything else rarer. */
    private static int rarest(String pattern, int width) {
        int best = 0;
        int bestRank = -1;
        for (int i = 0; i + width <= pattern.length(); i++) {
            int rank = 0;
            for (int j = i; j < i + width; j++) rank += rank(pattern.charAt(j));
            if (rank > bestRank) {
                best = i;
                bestRank = rank;
            }
        }
        return best;
    }

    private static int rank(char c) {
        int common = COMMON_FIRST.indexOf(Character.toLowerCase(c));
        return common < 0 ? COMMON_FIRST.length() : common;
    }

    @Override
    public int maxMatchBytes() {
        return needle.length();
    }
}

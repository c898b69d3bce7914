package dev.agentstream.tools.find;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regular expression with runs of text every match must contain ({@link RequiredLiteral}): the chunk's raw
 * bytes are searched for each run ({@link AnchoredLiteral}), and only a line that holds all of them is decoded
 * and given to the regex, alone (so a match never spans lines). Most of a large search never decodes a byte or runs the regex at all.
 *
 * <p>The runs leapfrog: each knows its next occurrence at or after the search position; the line of the
 * furthest one is the first that can hold them all, so every run found before that line is looked for again
 * from its start, until one line holds every run. The work follows the rarest run, whichever it is.
 */
final class PrefilteredRegexMatcher implements LineMatcher {

    private final Pattern pattern;
    /** The required runs, as their UTF-8 bytes appear in the chunk. */
    private final AnchoredLiteral[] required;
    /** Where each run next occurs at or after the last search position; -1: not looked for yet in this chunk. */
    private final int[] next;
    private ChunkText current;
    private Matcher matcher;

    PrefilteredRegexMatcher(Pattern pattern, List<String> requiredRuns) {
        if (requiredRuns.isEmpty()) throw new IllegalArgumentException("a prefilter needs at least one required run");
        this.pattern = pattern;
        this.required = requiredRuns.stream()
                .map(run -> new AnchoredLiteral(run.getBytes(StandardCharsets.UTF_8), false))
                .toArray(AnchoredLiteral[]::new);
        this.next = new int[required.length];
    }

    @Override
    public int find(ChunkText chunk, int from) {
        if (chunk != current) {
            current = chunk;
            java.util.Arrays.fill(next, -1);
        }
        int length = chunk.length();
        while (from < length) {
            int start = candidateLineStart(chunk, from);
            if (start < 0) return -1;
            int newline = chunk.newlineAtOrAfter(start);
            int end = newline < 0 ? length : newline;
            String line = chunk.line(start, end);
            Matcher m = matcher == null ? (matcher = pattern.matcher(line)) : matcher.reset(line);
            // where the match starts in bytes (a byte that was not UTF-8 counts as its U+FFFD's three; the line end caps it)
            if (m.find()) return Math.min(end, start + Utf8.bytes(line, m.start()));
            from = end + 1;
        }
        return -1;
    }

    /** The start of the first line at or after {@code from} (a line start) that holds every run; -1 if none. */
    private int candidateLineStart(ChunkText chunk, int from) {
        int position = from;
        while (true) {
            int furthest = -1;
            for (int i = 0; i < required.length; i++) {
                if (next[i] < position) {
                    next[i] = required[i].find(chunk.bytes(), position, chunk.length());
                    if (next[i] < 0) {
                        next[i] = Integer.MAX_VALUE; // not in the rest of this chunk
                        return -1;
                    }
                }
                furthest = Math.max(furthest, next[i]);
            }
            if (furthest == Integer.MAX_VALUE) return -1;
            int lineStart = chunk.newlineBefore(furthest) + 1;
            if (lineStart <= position) return Math.max(lineStart, from);
            position = lineStart;
        }
    }
}

package dev.agentstream.tools.find;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regular-expression search with grep's meaning: a match lies within one line.
 *
 * <p>A pattern that cannot match a newline runs across the whole chunk at once, which is fast (MULTILINE,
 * so ^ and $ are line boundaries); should a match still span lines, its first line is re-tried alone. A
 * pattern that can match a newline ({@code [^"]*}, {@code \s}) runs line by line instead: across a chunk,
 * this backtracking engine could spend quadratic time on one attempt that runs on for many lines.
 */
final class RegexLineMatcher implements LineMatcher {

    /** Constructs that may match '\n': negated classes, whitespace and other broad escapes, DOTALL. */
    private static final Pattern MAY_MATCH_NEWLINE =
            Pattern.compile("\\[\\^|\\\\[sWDRvnxuXpPc0]|\\(\\?[a-zA-Z-]*s");

    private final Pattern pattern;
    private final boolean lineByLine;
    private ChunkText current;
    private Matcher matcher;

    RegexLineMatcher(Pattern pattern) {
        this.pattern = pattern;
        this.lineByLine = MAY_MATCH_NEWLINE.matcher(pattern.pattern()).find();
    }

    @Override
    public ChunkText prepare(byte[] bytes, int length) {
        return ChunkText.utf8(bytes, length);
    }

    @Override
    public int find(ChunkText chunk, int from) {
        String text = chunk.text();
        if (chunk != current) {
            current = chunk;
            matcher = pattern.matcher(text);
        }
        return lineByLine ? findLineByLine(text, from) : findAcrossChunk(text, from);
    }

    private int findLineByLine(String text, int from) {
        int length = text.length();
        for (int start = from; start < length; ) {
            int end = lineEnd(text, start);
            matcher.region(start, end);
            if (matcher.find()) return matcher.start();
            start = end + 1;
        }
        return -1;
    }

    private int findAcrossChunk(String text, int from) {
        int length = text.length();
        while (from < length) {
            matcher.region(from, length);
            if (!matcher.find()) return -1;
            int start = matcher.start();
            int lineEnd = lineEnd(text, start);
            if (matcher.end() <= lineEnd) return start;
            matcher.region(lineStart(text, start), lineEnd);
            if (matcher.find()) return matcher.start();
            from = lineEnd + 1;
        }
        return -1;
    }

    private static int lineEnd(String text, int position) {
        int newline = text.indexOf('\n', position);
        return newline < 0 ? text.length() : newline;
    }

    private static int lineStart(String text, int position) {
        return position == 0 ? 0 : text.lastIndexOf('\n', position - 1) + 1;
    }
}

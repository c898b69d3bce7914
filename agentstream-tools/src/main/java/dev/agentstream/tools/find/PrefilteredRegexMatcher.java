package dev.agentstream.tools.find;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regular expression with text every match must contain ({@link RequiredLiteral}): the chunk's raw bytes
 * are searched for that text with the vectorised {@link String#indexOf(String, int)} over their
 * one-char-per-byte view, and only a line that holds it is decoded and given to the regex, alone (so a
 * match never spans lines). Most of a large search never decodes a byte or runs the regex at all.
 */
final class PrefilteredRegexMatcher implements LineMatcher {

    private final Pattern pattern;
    /** The required text's UTF-8 bytes, one char each, as they appear in the chunk's view. */
    private final String required;
    private Matcher matcher;

    PrefilteredRegexMatcher(Pattern pattern, String requiredText) {
        this.pattern = pattern;
        this.required = new String(requiredText.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Override
    public int find(ChunkText chunk, int from) {
        String text = chunk.text();
        int length = text.length();
        while (from < length) {
            int hit = text.indexOf(required, from);
            if (hit < 0) return -1;
            int start = hit == 0 ? 0 : text.lastIndexOf('\n', hit - 1) + 1;
            int newline = text.indexOf('\n', hit);
            int end = newline < 0 ? length : newline;
            String line = chunk.line(start, end);
            Matcher m = matcher == null ? (matcher = pattern.matcher(line)) : matcher.reset(line);
            // where the match starts in bytes (a byte that was not UTF-8 counts as its U+FFFD's three; the line end caps it)
            if (m.find()) return Math.min(end, start + Utf8.bytes(line, m.start()));
            from = end + 1;
        }
        return -1;
    }
}

package dev.agentstream.tools.find;

import dev.agentstream.core.ToolInputException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Picks the fastest matcher that gives the asked-for meaning: raw-byte literal search whenever it can. */
final class LineMatchers {

    private static final String REGEX_SPECIALS = "\\^$.|?*+()[]{}";

    private LineMatchers() {}

    /** A matcher for one search; every thread needs its own (a regex matcher keeps state). */
    static java.util.function.Supplier<LineMatcher> forSearch(String pattern, boolean regex, boolean caseSensitive) {
        if (pattern.indexOf('\n') >= 0 || pattern.indexOf('\r') >= 0) {
            throw new ToolInputException("'pattern' must be a single line: matches are found line by line; search for one line of the text.");
        }
        boolean literal = !regex || isPlainText(pattern);
        if (literal && (caseSensitive || LiteralMatcher.isAscii(pattern))) return () -> new LiteralMatcher(pattern, !caseSensitive);
        Pattern compiled = compile(literal ? Pattern.quote(pattern) : pattern, caseSensitive);
        List<String> required = caseSensitive && !literal ? RequiredLiteral.allOf(pattern) : List.of();
        if (!required.isEmpty()) return () -> new PrefilteredRegexMatcher(compiled, required);
        return () -> new RegexLineMatcher(compiled);
    }

    static Pattern compile(String regex, boolean caseSensitive) {
        // Unicode \w, \b, \d and \s, as ripgrep has them: caf\w matches "café"
        int flags = Pattern.MULTILINE | Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS;
        if (!caseSensitive) flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        try {
            return Pattern.compile(regex, flags);
        } catch (PatternSyntaxException e) {
            throw new ToolInputException("'pattern' is not a valid Java regular expression (" + e.getDescription()
                    + " near index " + e.getIndex() + "); fix it, or set 'regex' to false to search for the text as it is.");
        }
    }

    /** A regex without special characters means the same as the literal text. */
    private static boolean isPlainText(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            if (REGEX_SPECIALS.indexOf(pattern.charAt(i)) >= 0) return false;
        }
        return true;
    }
}

package dev.agentstream.tools.find;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The text a regex search looks for first, and that looking for it first finds exactly what the regex alone finds. */
class RegexPrefilterTest {

    @Test
    void theLongestRunEveryMatchContainsIsFound() {
        assertThat(RequiredLiteral.of("timeout after [0-9]+ ms")).isEqualTo("timeout after ");
        assertThat(RequiredLiteral.of("struct [a-z_]+_ops")).isEqualTo("struct ");
        assertThat(RequiredLiteral.of("^import java\\.util")).isEqualTo("import java.util");
        assertThat(RequiredLiteral.of("colou?r matters")).isEqualTo("r matters");
        assertThat(RequiredLiteral.of("abc+def")).isEqualTo("cdef");
        assertThat(RequiredLiteral.of("wxyz{2,3}q")).isEqualTo("wxy");
    }

    @Test
    void nothingIsClaimedWhereAMatchNeedNotContainIt() {
        assertThat(RequiredLiteral.of("alpha|beta")).isNull();
        assertThat(RequiredLiteral.of("(?i)needle")).isNull();
        assertThat(RequiredLiteral.of("(optional)?text")).isNull();
        assertThat(RequiredLiteral.of("ab")).isNull();
        assertThat(RequiredLiteral.of("a*bcde*")).isEqualTo("bcd");
        assertThat(RequiredLiteral.of("\\d+ items")).isNull();
        assertThat(RequiredLiteral.of("[abc]+xyz")).isNull();
        assertThat(RequiredLiteral.of("caf\\w")).isEqualTo("caf");
    }

    @Test
    void prefilteredMatchesAreThoseOfTheRegexAlone() {
        String text = "timeout after 5 ms\ntimeout after ms\r\nxx timeout after 12 ms, café timeout after 7 ms\n"
                + "timeout after\n9 ms\nstruct file_ops x;\nstruct  no_ops\nnothing here\ncafé struct é_ops\n"
                + "colour matters\ncolor matters\ncolouur matters\n";
        for (String regex : List.of("timeout after [0-9]+ ms", "struct [a-z_]+_ops", "colou?r matters", "after\\s*\\d+\\s+ms$",
                "é timeout after \\d")) {
            Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE | Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS);
            String required = RequiredLiteral.of(regex);
            if (required == null) required = "after";
            assertThat(matchStarts(new PrefilteredRegexMatcher(pattern, required), text))
                    .as(regex).isEqualTo(matchStarts(new RegexLineMatcher(pattern), text)).isNotEmpty();
        }
    }

    /** Line number and column of each matching line's first match, whichever text the matcher searched. */
    private static List<String> matchStarts(LineMatcher matcher, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ChunkText chunk = matcher.prepare(bytes, bytes.length);
        List<String> starts = new ArrayList<>();
        int from = 0;
        while (from < chunk.length()) {
            int match = matcher.find(chunk, from);
            if (match < 0) break;
            int lineStart = chunk.text().lastIndexOf('\n', Math.max(0, match - 1)) + 1;
            if (match == 0) lineStart = 0;
            long line = chunk.text().substring(0, match).chars().filter(c -> c == '\n').count() + 1;
            starts.add(line + ":" + chunk.column(lineStart, match));
            int newline = chunk.text().indexOf('\n', match);
            from = newline < 0 ? chunk.length() : newline + 1;
        }
        return starts;
    }
}

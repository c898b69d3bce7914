package dev.agentstream.tools.find;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.core.ToolInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The text a regex search looks for first, and that looking for it first finds exactly what the regex alone finds. */
class RegexPrefilterTest {

    @Test
    void everyRunEveryMatchContainsIsFound() {
        assertThat(RequiredLiteral.allOf("timeout after [0-9]+ ms")).containsExactly("timeout after ", " ms");
        assertThat(RequiredLiteral.allOf("struct [a-z_]+_ops")).containsExactly("struct ", "_ops");
        assertThat(RequiredLiteral.allOf("^import java\\.util")).containsExactly("import java.util");
        assertThat(RequiredLiteral.allOf("colou?r matters")).containsExactly("r matters", "colo");
        assertThat(RequiredLiteral.allOf("abc+def")).containsExactly("cdef", "abc");
        assertThat(RequiredLiteral.allOf("wxyz{2,3}q")).containsExactly("wxyz");
        assertThat(RequiredLiteral.allOf("(optional)?text")).containsExactly("text");
        assertThat(RequiredLiteral.allOf("\\d+ items")).containsExactly(" items");
        assertThat(RequiredLiteral.allOf("[abc]+xyz")).containsExactly("xyz");
        assertThat(RequiredLiteral.allOf("[]a]+xyz[^]]uvw")).containsExactly("xyz", "uvw");
        assertThat(RequiredLiteral.allOf("caf\\w")).containsExactly("caf");
        assertThat(RequiredLiteral.allOf("get(Foo|Bar)Value")).containsExactly("Value", "get");
        assertThat(RequiredLiteral.allOf("\\p{Lu}abc\\p{L}+def")).containsExactly("abc", "def");
        assertThat(RequiredLiteral.allOf("fooé+bar")).containsExactly("foo", "bar");
        assertThat(RequiredLiteral.allOf("x{0}abcx{01,}def")).containsExactly("abcx", "xdef");
        assertThat(RequiredLiteral.allOf("abcd.*bc")).containsExactly("abcd");
    }

    @Test
    void nothingIsClaimedWhereAMatchNeedNotContainIt() {
        assertThat(RequiredLiteral.allOf("alpha|beta")).isEmpty();
        assertThat(RequiredLiteral.allOf("alpha\\Q|\\Ebeta")).isEmpty(); // \Q is not read, and a | follows it
        assertThat(RequiredLiteral.allOf("(?i)needle")).isEmpty();
        assertThat(RequiredLiteral.allOf("needle(?i)haystack")).isEmpty();
        assertThat(RequiredLiteral.allOf("(needle(?-i)hay)stack")).isEmpty();
        assertThat(RequiredLiteral.allOf("ab")).isEmpty();
        assertThat(RequiredLiteral.allOf("a*bcde*")).containsExactly("bcd");
        assertThat(RequiredLiteral.allOf("abc?d?e?")).isEmpty();
        assertThat(RequiredLiteral.allOf("(abc)\\1xyz")).isEmpty(); // a back-reference stops the reading
        assertThat(RequiredLiteral.allOf("abc(de|fg")).isEmpty(); // not a valid regex: never compiled anyway
        assertThat(RequiredLiteral.allOf("[a|b]xyz|q")).isEmpty();
    }

    @Test
    void prefilteredMatchesAreThoseOfTheRegexAlone() {
        String text = "timeout after 5 ms\ntimeout after ms\r\nxx timeout after 12 ms, café timeout after 7 ms\n"
                + "timeout after\n9 ms\nstruct file_ops x;\nstruct  no_ops\nnothing here\ncafé struct é_ops\n"
                + "_ops struct a\nstruct a\n_ops\nstruct x_op_ops_ops struct\n"
                + "colour matters\ncolor matters\ncolouur matters\n";
        for (String regex : List.of("timeout after [0-9]+ ms", "struct [a-z_]+_ops", "colou?r matters", "after\\s*\\d+\\s+ms$",
                "é timeout after \\d", "struct \\p{L}+_ops")) {
            Pattern pattern = LineMatchers.compile(regex, true);
            List<String> required = RequiredLiteral.allOf(regex);
            assertThat(required).as(regex).isNotEmpty();
            assertThat(matchStarts(new PrefilteredRegexMatcher(pattern, required), text))
                    .as(regex).isEqualTo(matchStarts(new RegexLineMatcher(pattern), text)).isNotEmpty();
        }
    }

    /**
     * Random patterns (alternation, optional parts, groups, classes, Unicode classes, inline flags) over random
     * text: the matcher the search picks, in either case mode, finds exactly the lines the regex alone finds, and
     * every required run is in every line the regex matches.
     */
    @Test
    void theMatcherASearchPicksNeverMissesALineTheRegexMatches() {
        SplittableRandom random = new SplittableRandom(10);
        int prefiltered = 0;
        int withMatches = 0;
        for (int round = 0; round < 3000; round++) {
            String regex = randomPattern(random, 0);
            Pattern caseSensitivePattern;
            try {
                caseSensitivePattern = LineMatchers.compile(regex, true);
            } catch (ToolInputException e) {
                continue; // not a valid regex: the search refuses it
            }
            String text = randomText(random);
            for (boolean caseSensitive : new boolean[] {true, false}) {
                Pattern pattern = LineMatchers.compile(regex, caseSensitive);
                List<String> expected = matchStarts(new RegexLineMatcher(pattern), text);
                List<String> found = matchStarts(LineMatchers.forSearch(regex, true, caseSensitive).get(), text);
                assertThat(found).as("%s (case-sensitive: %s) in %s", regex, caseSensitive, text).isEqualTo(expected);
                if (caseSensitive && !expected.isEmpty()) withMatches++;
            }
            List<String> required = RequiredLiteral.allOf(regex);
            if (!required.isEmpty()) prefiltered++;
            for (String line : text.split("\n", -1)) {
                if (!caseSensitivePattern.matcher(line).find()) continue;
                for (String run : required) assertThat(line).as("%s requires %s", regex, run).contains(run);
            }
        }
        assertThat(prefiltered).isGreaterThan(300);
        assertThat(withMatches).isGreaterThan(300);
    }

    private static final String[] FRAGMENTS = {
        "struct", "_ops", "abc", "ab", "a", "b", "c", "_", " ", "é", "É", "A", "B", "x1", "9", ".", "|", "]",
    };

    private static String randomText(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int lines = 1 + random.nextInt(12);
        for (int l = 0; l < lines; l++) {
            int parts = random.nextInt(14);
            for (int p = 0; p < parts; p++) text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            text.append('\n');
        }
        return text.toString();
    }

    private static final String[] ATOMS = {
        "struct", "_ops", "abc", "a", "b", "c", "_", " ", "é", "\\.", "\\|", ".", "[a-z_]", "[^a]", "[]a]", "[ab[c]]",
        "\\w", "\\d", "\\s", "\\b", "\\p{L}", "\\p{Lu}", "\\x41", "\\u00e9", "^", "$",
    };
    private static final String[] QUANTIFIERS = {"", "", "", "", "?", "*", "+", "{0,2}", "{1,3}", "{2}", "+?", "*+", "??"};

    private static String randomPattern(SplittableRandom random, int depth) {
        StringBuilder pattern = new StringBuilder();
        int atoms = 1 + random.nextInt(6);
        for (int i = 0; i < atoms; i++) {
            int kind = random.nextInt(20);
            if (kind == 0 && depth < 2) {
                pattern.append('(').append(randomPattern(random, depth + 1)).append('|').append(randomPattern(random, depth + 1)).append(')');
            } else if (kind == 1 && depth < 2) {
                pattern.append("(?:").append(randomPattern(random, depth + 1)).append(')');
            } else if (kind == 2) {
                pattern.append(random.nextBoolean() ? "(?i)" : "(?-i)");
            } else if (kind == 3 && depth < 2) {
                pattern.append("(?i:").append(randomPattern(random, depth + 1)).append(')');
            } else if (kind == 4 && depth == 0 && i > 0) {
                pattern.append('|');
                continue;
            } else {
                pattern.append(ATOMS[random.nextInt(ATOMS.length)]);
            }
            pattern.append(QUANTIFIERS[random.nextInt(QUANTIFIERS.length)]);
        }
        return pattern.toString();
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

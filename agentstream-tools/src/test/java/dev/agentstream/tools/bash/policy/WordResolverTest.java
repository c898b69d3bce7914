package dev.agentstream.tools.bash.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Words are seen as the shell would pass them. */
class WordResolverTest {

    private static List<Word> argsOf(String command) {
        Analysis analysis = new CommandAnalyzer().analyze(command, ShellState.ofThisProcess());
        assertThat(analysis.problems).isEmpty();
        return analysis.commands.getFirst().args();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
        "x 'a b'              => a b",
        "x \"a b\"            => a b",
        "x a\\ b              => a b",
        "x 'r''m'             => rm",
        "x r\"m\"             => rm",
        "x \\rm               => rm",
        "x \"a\\\"b\\$c\\d\"  => a\"b$c\\d",
        "x $'\\x72m'          => rm",
        "x $'a\\tb'           => a\tb",
        "x $'\\162m'          => rm",
        "x $'\\u00e9'         => é",
    })
    void quotesAndEscapesAreResolved(String command, String value) {
        assertThat(summaries(argsOf(command))).containsExactly(new Word(value, true, false));
    }

    @Test
    void expansionsKeepTheirSourceAndAreNotLiteral() {
        assertThat(summaries(argsOf("x $HOME/a \"${B}\" $(c) `d`"))).containsExactly(
                new Word("$HOME/a", false, false), new Word("${B}", false, false),
                new Word("$(c)", false, false), new Word("`d`", false, false));
    }

    @Test
    void onlyUnquotedPatternCharactersAreGlobs() {
        assertThat(summaries(argsOf("x *.txt '*.txt' \"a?\" b? [ab]"))).containsExactly(
                new Word("*.txt", true, true), new Word("*.txt", true, false), new Word("a?", true, false),
                new Word("b?", true, true), new Word("[ab]", true, true));
    }

    @Test
    void bracesExpandLikeBash() {
        assertThat(argsOf("x a{b,c}d {/,/tmp} '{q,r}' {1..3} {,}").stream().map(Word::text))
                .containsExactly("abd", "acd", "/", "/tmp", "{q,r}", "1", "2", "3");
        assertThat(argsOf("x {a,{b,c}}z").stream().map(Word::text)).containsExactly("az", "bz", "cz");
        assertThat(argsOf("x {01..10..4} {c..a} {5..5} {1..9999}").stream().map(Word::text))
                .containsExactly("01", "05", "09", "c", "b", "a", "5", "{1..9999}");
    }

    @Test
    void lineContinuationsJoinWords() {
        assertThat(argsOf("x a\\\nb c").stream().map(Word::text)).containsExactly("ab", "c");
    }

    /** The words without their quoting masks, to compare with plain expectations. */
    private static java.util.List<Word> summaries(java.util.List<Word> words) {
        return words.stream().map(w -> new Word(w.text(), w.literal(), w.glob())).toList();
    }
}

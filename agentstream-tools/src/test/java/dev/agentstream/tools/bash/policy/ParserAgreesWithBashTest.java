package dev.agentstream.tools.bash.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differential test: the same script goes to the policy's parser and to real bash, whose PATH holds recording
 * shims, and both must name the same simple commands with the same words. Every command of these scripts runs
 * exactly once, so what the policy checks is exactly what bash ran. A word only known at run time (an expansion)
 * may stand for any number of words, but its command must still be there.
 */
class ParserAgreesWithBashTest {

    private static final Set<String> SHIMS = Set.of("say", "cat", "rm", "find", "shout");
    private static final String WORD = "\u001f";
    private static final String RECORD = "\u001e";

    @TempDir
    static Path dir;
    private static Path shims;

    @BeforeAll
    static void installShims() throws IOException {
        shims = Files.createDirectories(dir.resolve("bin"));
        for (String name : SHIMS) {
            Path shim = shims.resolve(name);
            // One write per call, so commands of a pipeline running side by side do not interleave their records.
            Files.writeString(shim, "#!/bin/bash\nr=\"${0##*/}\"\nfor a in \"$@\"; do r+=$'" + "\\x1f" + "'\"$a\"; done\n"
                    + "printf '%s\\x1e' \"$r\" >> \"$SHIM_LOG\"\n");
            Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "say a; say \"b c\" 'd' e\\ f",
        "say $'r\\x6d' r''m \\say \"x\"y'z'",
        "say {a,b}c {1..2} '{x,y}'",
        "say a\\\nb c",
        "say \"$(say inner)\" done",
        "say x | say y && say z",
        "if say c; then say t; fi",
        "f() { say infunc; }; f",
        "( say sub ); { say grp; }",
        "bash -c 'say nested \"two words\"'",
        "eval \"say evald\"",
        "say >/dev/null arg2 arg3",
        "cat <<'EOF'\n$(say never)\nEOF",
        "cat <<EOF\n$(say yes)\nEOF",
        "cat <<EOF | say piped\nbody\nEOF",
        "cat <<EOF\nbody\nEOF\nsay after",
        "cat <<E\"O\"F\nx\nEOF\nsay hidden\nE\"O\"F",
        "cat <<E'O'F\nsay data\nEOF\nsay real",
        "cat <<\\EOF\nsay data\nEOF\nsay real",
        "cat <<-EOF\n\tbody\n\tEOF\nsay after-tabs",
        "cat <<-'EOF'\n\t$(say never)\n\t\tEOF\nEOF\nsay after",
        "cat <<EOF >/dev/null\nx\nEOF\nsay x",
        "x=1 say prefixed",
        "say 'multi\nline' end",
        ": \"$(say colon)\"",
        "[[ -n \"$(say test)\" ]] || true",
        "case x in x) say case;; esac",
        "time say timed",
        "say a;say b & wait",
        "echo ~ | cat; find . -maxdepth 0 -name nothing",
        "shout \"$HOME\"/x ${HOME}/y",
        "say `say backtick`",
        "X=value; say \"$X\"",
        "say <(say procsub) >/dev/null; wait",
        "say a # comment say b",
        "say $'a\\'b' \"c\\\"d\" 'e\\f'",
    })
    void thePolicySeesEverySimpleCommandBashRuns(String script) throws Exception {
        List<List<String>> ran = runInBash(script);
        Analysis analysis = new CommandAnalyzer().analyze(script, ShellState.ofThisProcess());
        assertThat(analysis.problems).as(script).isEmpty();
        List<SimpleCommand> seen = new ArrayList<>(analysis.commands.stream()
                .filter(c -> c.program() != null && SHIMS.contains(c.program())).toList());
        // Exact matches first, so a command with an expansion does not take the place of a literal one.
        List<List<String>> unmatched = new ArrayList<>(ran);
        for (boolean exactOnly : new boolean[] {true, false}) {
            for (List<String> command : List.copyOf(unmatched)) {
                SimpleCommand match = seen.stream()
                        .filter(c -> (!exactOnly || c.args().stream().allMatch(Word::exact)) && agrees(c, command))
                        .findFirst().orElse(null);
                if (match != null) {
                    seen.remove(match);
                    unmatched.remove(command);
                }
            }
        }
        assertThat(unmatched).as("commands bash ran that the policy did not see in %s", script).isEmpty();
        assertThat(seen).as("commands the policy saw that bash did not run in %s", script).isEmpty();
        assertThat(ran).as("the script ran something").isNotEmpty();
    }

    private static boolean agrees(SimpleCommand seen, List<String> ran) {
        return seen.program().equals(ran.getFirst()) && wordsAgree(seen.args(), 0, ran, 1);
    }

    /** A literal word is one exact word; an expansion may become any number of words, even none. */
    private static boolean wordsAgree(List<Word> seen, int i, List<String> ran, int j) {
        if (i == seen.size()) {
            return j == ran.size();
        }
        Word word = seen.get(i);
        if (word.literal() && !word.glob()) {
            return j < ran.size() && word.text().equals(ran.get(j)) && wordsAgree(seen, i + 1, ran, j + 1);
        }
        for (int k = j; k <= ran.size(); k++) {
            if (wordsAgree(seen, i + 1, ran, k)) {
                return true;
            }
        }
        return false;
    }

    private static List<List<String>> runInBash(String script) throws Exception {
        Path log = Files.createTempFile(dir, "shim", ".log");
        Path file = Files.createTempFile(dir, "script", ".sh");
        Files.writeString(file, script + "\n");
        ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PATH", shims + ":/usr/bin:/bin");
        pb.environment().put("SHIM_LOG", log.toString());
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<List<String>> out = new ArrayList<>();
        for (String record : Files.readString(log, StandardCharsets.UTF_8).split(RECORD)) {
            if (!record.isEmpty()) {
                out.add(List.of(record.split(WORD, -1)));
            }
        }
        return out;
    }
}

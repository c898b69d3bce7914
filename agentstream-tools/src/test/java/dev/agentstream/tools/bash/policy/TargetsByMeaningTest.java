package dev.agentstream.tools.bash.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Destructive targets are judged by what they resolve to in the shell that would run them. */
class TargetsByMeaningTest {

    private static final ShellState SHELL =
            new ShellState(Path.of("/home/alice"), Path.of("/work/proj"), Path.of("/work/proj"));
    private final CommandPolicy policy = CommandPolicy.defaults();

    @ParameterizedTest
    @ValueSource(strings = {
        "rm -rf \"${HOME%/}\"", "rm -rf ${HOME:?}", "rm -rf \"$(echo ~)\"", "X=~; rm -rf \"$X\"",
        "cd ~ && rm -rf *", "cd ~ && rm -rf ./*", "cd ~ && rm -rf \"$PWD\"", "cd ~ && find . -mindepth 1 -delete",
        "rm -rf /home/alice", "rm -rf /home/alice/", "echo ~ | xargs rm -rf", "rm -rf .", "rm -rf ..", "rm -rf *",
        "rm -rf \"$UNSET\"", "rm -rf \"$X\"/*", "rm -rf \"$X/etc\"", "rm -rf `pwd`", "rm -rf $(pwd)/",
        "for d in ~ /tmp; do rm -rf \"$d\"; done", "cd /; rm -rf usr", "cd; rm -rf *", "bash -c 'cd ~ && rm -rf *'",
        "cd ~ && bash -c 'rm -rf *'", "rm -rf ~+", "if false; then X=/tmp/safe; fi; rm -rf \"$X\"",
        "X=/tmp/safe; read X; rm -rf \"$X\"", "rm -rf /work", "rm -rf /work/proj", "find /work/proj -delete",
        "rm -rf \"${HOME:-/tmp/x}\"", "rm -rf \"${HOME}\"/.", "rm -rf /home/alice/../alice", "cd .. && rm -rf proj",
        "D=/home; rm -rf \"$D/alice\"", "rm -rf \"$(echo /home/alice)\"", "find ~ -exec rm -rf {} +",
        "cd \"$SOMEWHERE\" && rm -rf *", "rm -rf \"$DIR/\"", "cd ~ && ls && rm -rf *", "IFS=/; X=a/usr; rm -rf /$X",
    })
    void targetsThatMeanAProtectedPathAreRefused(String command) {
        PolicyVerdict verdict = policy.check(command, SHELL);
        assertThat(verdict.allowed()).as(command).isFalse();
        assertThat(verdict.reason()).contains("refused by the default safety policy");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "rm -rf build", "rm -rf ./build/*", "X=build; rm -rf \"$X\"", "tmp=$(mktemp -d); rm -rf \"$tmp\"",
        "for d in a b; do rm -rf \"$d\"; done", "rm -rf \"$HOME/.cache/pip\"", "find . -name '*.pyc' -delete",
        "find . -name '*.pyc' -exec rm -rf {} +", "cd /tmp && rm -rf x", "rm -rf \"$X/build\"", "rm -f *",
        "cd src && rm -rf *", "cd /tmp/x && git status && rm -rf ./*", "rm -rf \"${HOME##*/}\"", "rm -rf ~/projects/old", "find . -type d -name node_modules -prune -exec rm -rf {} +",
    })
    void targetsThatMeanSomethingElseAreAllowed(String command) {
        assertThat(policy.check(command, SHELL)).as(command).isEqualTo(PolicyVerdict.allow());
    }

    @Test
    void theReasonNamesWhatTheTargetResolvesTo() {
        assertThat(policy.check("rm -rf \"${HOME%/}\"", SHELL).reason()).isEqualTo("`rm -rf \"${HOME%/}\"` deletes "
                + "your home directory (/home/alice); refused by the default safety policy. Remove the target "
                + "`${HOME%/}` or narrow the path.");
        assertThat(policy.check("cd ~ && rm -rf ./*", SHELL).reason())
                .startsWith("`rm -rf ./*` deletes everything in your home directory (/home/alice);");
        assertThat(policy.check("rm -rf \"$dir\"", SHELL).reason()).isEqualTo("`rm -rf \"$dir\"` deletes a path "
                + "known only at run time, which could be your home directory, the workspace root, / or a system "
                + "directory; refused by the default safety policy. Write the path out in full instead of `$dir`, or "
                + "narrow it.");
    }

    @Test
    void theShellsCurrentDirectoryDecidesWhatARelativeTargetIs() {
        ShellState inHome = new ShellState(Path.of("/home/alice"), Path.of("/home/alice"), Path.of("/work/proj"));
        assertThat(policy.check("rm -rf *", inHome).allowed()).isFalse();
        ShellState unknown = new ShellState(Path.of("/home/alice"), null, Path.of("/work/proj"));
        assertThat(policy.check("rm -rf *", unknown).allowed()).isFalse();
        assertThat(policy.check("rm -rf build", unknown).allowed()).isTrue();
    }
}

package dev.agentstream.tools.bash.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A dangerous command is found wherever it sits, and the whole input is refused. */
class CompoundCommandsTest {

    private final CommandPolicy policy = CommandPolicy.defaults();

    @ParameterizedTest
    @ValueSource(strings = {
        "ls; rm -rf /",
        "rm -rf /; ls",
        "ls && rm -rf /",
        "false || rm -rf /",
        "ls\nrm -rf /",
        "ls\n\n  rm -rf /\necho done",
        "rm -rf / &",
        "sleep 1 & rm -rf /",
        "ls | rm -rf /",
        "cat x | grep y | rm -rf /",
        "(rm -rf /)",
        "(cd x && (rm -rf /))",
        "{ rm -rf /; }",
        "echo $(rm -rf /)",
        "echo \"$(rm -rf /)\"",
        "echo `rm -rf /`",
        "echo $(echo $(rm -rf /))",
        "diff <(rm -rf /) x",
        "cat >(rm -rf /)",
        "if true; then rm -rf /; fi",
        "if rm -rf /; then :; fi",
        "if false; then :; elif true; then rm -rf /; else :; fi",
        "if false; then :; else rm -rf /; fi",
        "while true; do rm -rf /; done",
        "until false; do rm -rf /; done",
        "for i in 1 2; do rm -rf /; done",
        "for i in $(rm -rf /); do :; done",
        "case x in x) rm -rf /;; esac",
        "f() { rm -rf /; }",
        "function f { rm -rf /; }",
        "x=$(rm -rf /)",
        "export X=$(rm -rf /)",
        "local y=`rm -rf /`",
        "echo ${x:-$(rm -rf /)}",
        "[[ $(rm -rf /) == x ]]",
        "(( x = $(rm -rf /) ))",
        "! rm -rf /",
        "cat <<EOF\n$(rm -rf /)\nEOF",
        "FOO=1 rm -rf /",
        "rm -rf / 2>/dev/null",
        "2>/dev/null rm -rf /",
    })
    void refusesTheNestedCommand(String command) {
        PolicyVerdict verdict = policy.check(command);
        assertThat(verdict.allowed()).as(command).isFalse();
        assertThat(verdict.refusedPart()).as(command).endsWith("rm -rf /");
        assertThat(verdict.reason()).contains("deletes the root filesystem");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ls; rm -rf /            | rm -rf /",
        "echo $(rm -rf /)        | rm -rf /",
        "FOO=1 rm -rf /          | FOO=1 rm -rf /",
        "ls; sudo rm -rf ~       | sudo rm -rf ~",
    })
    void refusedPartIsTheOffendingSimpleCommand(String command, String part) {
        assertThat(policy.check(command).refusedPart()).isEqualTo(part);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rm -rf > /dev/null /                | rm -rf > /dev/null /",
        "rm -rf 2>/dev/null / && ls          | rm -rf 2>/dev/null /",
        "ls && rm -rf >x /                   | rm -rf >x /",
    })
    void wordsAfterARedirectionStillCountAsArguments(String command, String part) {
        // tree-sitter-bash hangs these words on the redirection; bash passes them to the command.
        PolicyVerdict verdict = policy.check(command);
        assertThat(verdict.refusedPart()).isEqualTo(part);
        assertThat(verdict.reason()).contains("deletes the root filesystem");
    }

    @Test
    void aQuotedHeredocIsText() {
        assertThat(policy.check("cat <<'EOF'\n$(rm -rf /)\nEOF").allowed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo \"rm -rf /\"", "echo 'rm -rf /'", "grep -r 'rm -rf /' .", "echo rm -rf /",
        "printf '%s\\n' shutdown", "git commit -m \"reboot the box\""})
    void wordsThatOnlyLookLikeCommandsAreAllowed(String command) {
        assertThat(policy.check(command)).isEqualTo(PolicyVerdict.allow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo 😀 && rm -rf /", "echo héllo; rm -rf /", "echo '日本語' | rm -rf /"})
    void nonAsciiTextDoesNotShiftTheReportedPart(String command) {
        assertThat(policy.check(command).refusedPart()).isEqualTo("rm -rf /");
    }
}

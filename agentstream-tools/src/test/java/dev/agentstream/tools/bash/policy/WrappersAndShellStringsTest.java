package dev.agentstream.tools.bash.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Commands hidden behind wrappers, shell strings and quoting are still seen. */
class WrappersAndShellStringsTest {

    private final CommandPolicy policy = CommandPolicy.defaults();

    @ParameterizedTest
    @ValueSource(strings = {
        "sudo rm -rf /",
        "sudo -u root -E rm -rf /",
        "sudo --user=root rm -rf /",
        "sudo FOO=1 rm -rf /",
        "doas rm -rf /",
        "env rm -rf /",
        "env FOO=1 BAR=2 rm -rf /",
        "env -i -u HOME PATH=/bin rm -rf /",
        "nohup rm -rf /",
        "nice rm -rf /",
        "nice -n 10 rm -rf /",
        "nice -5 rm -rf /",
        "time rm -rf /",
        "time -p rm -rf /",
        "/usr/bin/time -f %e -o out rm -rf /",
        "timeout 10 rm -rf /",
        "timeout -s KILL -k 5 10s rm -rf /",
        "timeout --signal=KILL 10 rm -rf /",
        "exec rm -rf /",
        "exec -a name rm -rf /",
        "command rm -rf /",
        "command -p rm -rf /",
        "builtin rm -rf /",
        "xargs rm -rf /",
        "xargs -0 -n 1 -I {} rm -rf /",
        "xargs --max-args 1 rm -rf /",
        "stdbuf -oL rm -rf /",
        "stdbuf -o L -e 0 rm -rf /",
        "ionice -c3 rm -rf /",
        "ionice -c 2 -n 7 rm -rf /",
        "setsid rm -rf /",
        "setsid -f rm -rf /",
        "busybox rm -rf /",
        "coproc rm -rf /",
        "sudo env A=1 nice -n 5 timeout 5 rm -rf /",
    })
    void wrappersAreSeenThrough(String command) {
        PolicyVerdict verdict = policy.check(command);
        assertThat(verdict.allowed()).as(command).isFalse();
        assertThat(verdict.refusedPart()).isEqualTo(command);
        assertThat(verdict.reason()).startsWith("`" + command + "` deletes the root filesystem;");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "bash -c 'rm -rf /'",
        "sh -c \"rm -rf /\"",
        "zsh -c 'rm -rf /'",
        "dash -c 'rm -rf /'",
        "ksh -c 'rm -rf /'",
        "/bin/bash -c 'rm -rf /'",
        "bash -lc 'echo hi; rm -rf /'",
        "sh -ec 'cd /tmp && rm -rf /'",
        "bash -o pipefail -c 'rm -rf /'",
        "bash -c 'rm -rf /' name arg",
        "eval 'rm -rf /'",
        "eval rm -rf /",
        "eval \"ls; rm -rf /\"",
        "bash -c \"bash -c 'eval \\\"rm -rf /\\\"'\"",
        "sudo sh -c 'rm -rf /'",
        "env -S 'rm -rf /'",
        "su -c 'rm -rf /' root",
        "trap 'rm -rf /' EXIT",
        "alias cleanup='rm -rf /'",
        "find . -name x | xargs sh -c 'rm -rf /'",
    })
    void shellStringsAreParsedAsScripts(String command) {
        PolicyVerdict verdict = policy.check(command);
        assertThat(verdict.allowed()).as(command).isFalse();
        assertThat(verdict.refusedPart()).isEqualTo("rm -rf /");
        assertThat(verdict.reason()).contains("deletes the root filesystem");
    }

    @Test
    void expansionsInsideAShellStringKeepTheirMeaning() {
        PolicyVerdict verdict = policy.check("bash -c \"rm -rf $HOME\"");
        assertThat(verdict.refusedPart()).isEqualTo("rm -rf $HOME");
        assertThat(verdict.reason()).contains("deletes your home directory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'r''m' -rf /", "\"rm\" -rf /", "\\rm -rf /", "r\\m -rf /", "r\"m\" -rf /",
        "/bin/rm -rf /", "/usr/bin/rm -rf /", "./rm -rf /", "$'\\x72m' -rf /", "$'\\162\\155' -rf /", "r{m,} -rf /",
        "/bin/r? -rf /", "/bin/r[m] -rf /", "rm '-rf' /", "rm -rf '/'", "rm -rf \"/\"", "rm -rf {/,x}",
        "rm -rf \\/"})
    void quotingAndSpellingDoNotHideTheProgramOrTarget(String command) {
        PolicyVerdict verdict = policy.check(command);
        assertThat(verdict.allowed()).as(command).isFalse();
        assertThat(verdict.refusedPart()).isEqualTo(command);
        assertThat(verdict.reason()).contains("deletes the root filesystem");
    }

    @ParameterizedTest
    @ValueSource(strings = {"r\\\nm -rf /", "\"r\"\\\nm -rf /", "rm -\\\nrf /", "rm -rf \\\n/",
        "r\\\r\nm -rf /", "r\\\n\\\nm -rf /"})
    void lineContinuationsDoNotSplitWords(String command) {
        // tree-sitter-bash splits `r\<newline>m` into two words; bash reads one.
        PolicyVerdict verdict = policy.check(command);
        assertThat(verdict.allowed()).as(command).isFalse();
        assertThat(verdict.refusedPart()).isEqualTo(command);
        assertThat(verdict.reason()).contains("deletes the root filesystem");
    }

    @Test
    void aContinuationInsideARedirectionTargetIsJoined() {
        assertThat(policy.check("echo x > /dev/s\\\nda").refusedPart()).isEqualTo("> /dev/s\\\nda");
    }

    @Test
    void aBackslashAtTheEndOfACommentDoesNotHideTheNextLine() {
        assertThat(policy.check("ls # note \\\nrm -rf /").refusedPart()).isEqualTo("rm -rf /");
    }

    @ParameterizedTest
    @ValueSource(strings = {"find /tmp -exec rm -rf / \\;", "find / -exec rm -rf {} \\;", "find / -type d -exec rm -r {} +",
        "find -L / -maxdepth 1 -execdir rm -rf {} \\;", "find -L / -delete", "find / -name x -o -delete"})
    void findIsSeenThrough(String command) {
        PolicyVerdict verdict = policy.check(command);
        assertThat(verdict.refusedPart()).isEqualTo(command);
        assertThat(verdict.reason()).contains("deletes the root filesystem");
    }

    @ParameterizedTest
    @ValueSource(strings = {"find /tmp/x -exec rm -rf {} +", "find . -name '*.o' -exec rm {} \\;", "find / -name x -print"})
    void harmlessFindIsAllowed(String command) {
        assertThat(policy.check(command).allowed()).as(command).isTrue();
    }

    @Test
    void shellStringsNestOnlySoDeep() {
        String command = "echo hi";
        for (int i = 0; i < 10; i++) {
            command = "eval " + CommandPolicyTestSupport.singleQuote(command);
        }
        PolicyVerdict verdict = policy.check(command);
        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.reason()).contains("more than 8 levels deep");

        String shallow = "echo hi";
        for (int i = 0; i < 5; i++) {
            shallow = "eval " + CommandPolicyTestSupport.singleQuote(shallow);
        }
        assertThat(policy.check(shallow).allowed()).isTrue();
    }

    @Test
    void wrapperChainsOnlySoLong() {
        PolicyVerdict verdict = policy.check("nice ".repeat(40) + "ls");
        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.reason()).contains("more than 32 wrapper commands");
    }

    @ParameterizedTest
    @ValueSource(strings = {"command -v rm", "sudo -l", "sudo -s", "bash script.sh", "bash -c \"$CMD\"",
        "env", "xargs", "time", "nice -n 5 make"})
    void wrappersWithoutADangerousCommandAreAllowed(String command) {
        assertThat(policy.check(command).allowed()).as(command).isTrue();
    }
}

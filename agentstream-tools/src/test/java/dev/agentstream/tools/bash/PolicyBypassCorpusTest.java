package dev.agentstream.tools.bash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.tools.bash.policy.CommandPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attempts to run a program the policy must not run, sent for real to the bash tool. The program is a canary: a
 * script on the shell's PATH that only writes a marker file, so a hole shows as the marker appearing. In allow-list
 * mode (only {@code echo *} and {@code ls *} allowed) no attempt may run it. In deny-list mode (a deny rule on the
 * canary) only the attempts labelled with a documented open class may run it, and those must: the table shows
 * exactly which ways round the deny list are left to the sandbox.
 */
class PolicyBypassCorpusTest {

    /** The ways round a deny list that static analysis cannot see, as the README's Safety policy names them. */
    enum Open {
        /** An interpreter runs code the policy does not parse: python -c, perl -e, awk, sed e, a shell reading a file or stdin. */
        INTERPRETER,
        /** An option of another tool runs a command: git -c alias/pager, tar --checkpoint-action, ssh ProxyCommand. */
        TOOL_OPTION,
        /** The program's name or a value that runs is only formed while the command runs. */
        RUN_TIME_NAME
    }

    private record Attempt(String command, Open open) {
    }

    @TempDir
    static Path dir;

    private static Path marker;
    private static BashConfig free;
    private static BashConfig denyList;
    private static BashConfig allowList;

    @BeforeAll
    static void installTheCanary() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path workspace = Files.createDirectories(dir.resolve("ws"));
        marker = dir.resolve("canary-ran");
        Path canary = bin.resolve("canary");
        Files.writeString(canary, "#!/bin/sh\ntouch '" + marker + "'\n");
        Files.setPosixFilePermissions(canary, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(workspace.resolve("script.sh"), "canary\n");
        free = BashConfig.defaults().withWorkingDirectory(workspace)
                .withEnvironmentVariable("PATH", bin + ":" + System.getenv("PATH"))
                .withEnvironmentVariable("HOME", workspace.toString());
        denyList = free.withPolicy(CommandPolicy.builder().withDefaults().deny("canary *").build());
        allowList = free.withPolicy(
                CommandPolicy.builder().withDefaults().allowListMode(true).allow("echo *").allow("ls *").build());
    }

    private static final List<Attempt> CORPUS = new ArrayList<>();

    private static void closed(String... commands) {
        for (String c : commands) {
            CORPUS.add(new Attempt(c, null));
        }
    }

    private static void open(Open why, String... commands) {
        for (String c : commands) {
            CORPUS.add(new Attempt(c, why));
        }
    }

    static {
        // quoting and spelling of the name
        closed("canary", "BIN/canary", "\\canary", "'canary'", "\"canary\"", "c''anary", "c\"\"anary", "\"c\"anary",
                "c\\anary", "$'canary'", "$'\\x63anary'", "$'\\143anary'", "$\"canary\"", "c$\"an\"ary", "ca\"\"nary",
                "c\\\nanary", "{canary,}", "{canary,x}", "canar{y,}", "c{a,}nary", "{c,}anary", "BIN/../bin/canary",
                "BIN//canary", "./../bin/canary", "canary{,}");
        // variables and assignments in the same command
        closed("x=canary; $x", "x=canary; \"$x\"", "x=canary; ${x}", "x=can; y=ary; $x$y", "x=canary; y=$x; $y",
                "export x=canary; $x", "declare x=canary; $x", "readonly x=canary; $x", "x='canary'; $x",
"x=canary\n$x", "x=canary && $x", "for c in canary; do $c; done",
                "for c in ls canary; do $c; done", "${x:-canary}", "${x:=canary}", "x=canary; eval $x",
                "x=canary; eval \"$x\"", "x=canary; bash -c \"$x\"", "x=canary; ${x} --help", "x=c; ${x}anary",
                "x=canary; (\"$x\")", "x=canary; echo $($x)", "x=canary; command $x", "x=$'\\x63anary'; $x");
        // prompt, trace and environment hooks
        closed("x='$(canary)'; echo ${x@P}", "x='`canary`'; echo \"${x@P}\"", "PS4='$(canary)'; set -x; echo; set +x",
                "x='a[$(canary)]'; echo $((x))", "x='a[$(canary)]'; [[ $x -eq 0 ]]", "x='a[`canary`]'; (( x ))",
                "env 'BASH_FUNC_echo%%=() { canary; }' bash -c echo", "BASH_ENV=script.sh bash -c echo",
                "env BASH_ENV=script.sh bash -c echo", "PROMPT_COMMAND=canary", "export PROMPT_COMMAND='canary'",
                "PS1='$(canary)'", "PS0='`canary`'", "ENV=script.sh sh -i </dev/null",
                "f() { canary; }; export -f f; bash -c f", "declare -fx g; g() { canary; }",
                "x='$(canary)'; declare -i y=x", "trap canary DEBUG; echo", "(trap canary EXIT)");
        // wrappers that run their arguments
        closed("env canary", "env -i canary", "env -u X canary", "env A=1 canary", "env -- canary", "env -S canary",
                "env -S 'canary x'", "env --split-string=canary", "nice canary", "nice -n 5 canary", "nohup canary",
                "time canary", "time -p canary", "command canary", "command -p canary", "builtin canary",
                "(exec canary)", "(exec -a x canary)", "timeout 5 canary", "timeout -s KILL 5 canary",
                "stdbuf -o0 canary", "ionice -c3 canary", "setsid canary", "echo x | xargs canary",
                "echo x | xargs -I{} canary {}", "echo x | xargs -n1 canary", "find . -maxdepth 0 -exec canary \\;",
                "find . -maxdepth 0 -execdir canary {} +", "unshare canary", "unshare --fork canary",
                "taskset 1 canary", "taskset -c 0 canary", "chrt -o 0 canary", "chrt --other 0 canary",
                "prlimit --nofile=100 canary", "prlimit -n100 canary", "setpriv canary", "setpriv --reset-env canary",
                "script -qc canary /dev/null", "script -q -c canary /dev/null", "script --command=canary /dev/null",
                "sg $(id -gn) canary", "sg $(id -gn) -c canary", "strace -o /dev/null canary",
                "strace -f -o /dev/null canary", "gdb -batch --args canary", "gdb -batch -ex 'shell canary'",
                "gdb -batch -ex '!canary'", "flock /tmp/x.lock canary", "flock -c canary /tmp/x.lock",
                "flock /tmp/x.lock -c canary", "watch -n1 -g canary", "chroot / canary", "runuser -u $USER canary",
                "ltrace canary", "nice nice nice canary", "env nice timeout 5 canary", "taskset 1 env canary",
                "parallel canary ::: x");
        // shells and shell strings
        closed("bash -c canary", "sh -c 'canary'", "bash -c \"c''anary\"", "eval canary", "eval 'canary'",
                "eval \"c\"\"anary\"", "bash -lc canary", "bash -c 'eval canary'", "sh -c 'env canary'",
                "bash -c 'bash -c canary'", "eval eval canary", "bash -o pipefail -c canary", "bash -ec canary",
                "alias x=canary", "dash -c canary");
        // positions in the script
        closed("$(canary)", "`canary`", "echo $(canary)", "echo \"$(canary)\"", "cat <(canary)",
                "echo x > >(canary)", "(canary)", "{ canary; }", "if canary; then :; fi",
                "while canary; do break; done", "case x in x) canary;; esac", "f() { canary; }; f",
                "function f { canary; }; f", "ls | canary", "canary | ls", "true && canary", "false || canary",
                "! canary", "canary & wait", "coproc canary", "echo $(echo $(canary))", "x=$(canary)",
                "echo ${x:-$(canary)}", "[[ $(canary) ]]", "echo $(( $(canary) + 1 ))", "ls >$(canary)",
                "for i in $(canary); do :; done", "cat <<EOF\n$(canary)\nEOF", "cat <<< \"$(canary)\"",
                "select x in $(canary); do break; done </dev/null", "$(echo canary)", "`echo canary`");
        // runner functions
        closed("r() { \"$@\"; }; r canary", "r() { $1; }; r canary", "r() { \"$1\" x; }; r canary",
                "r() { command \"$@\"; }; r canary", "r() { eval \"$1\"; }; r canary", "r() { $@; }; r canary",
                "r() { \"${@}\"; }; r canary", "function r { \"$@\"; }; r canary", "r() { env \"$@\"; }; r canary",
                "r() { \"$@\"; }; r r canary", "r() { \"$@\" & wait; }; r canary");
        // documented open: interpreters
        open(Open.INTERPRETER, "python3 -c 'import os; os.system(\"canary\")'", "perl -e 'system(\"canary\")'",
                "awk 'BEGIN { system(\"canary\") }'", "echo x | sed -n '1e canary'", "echo canary | bash",
                "bash < script.sh", "bash script.sh", "source script.sh", ". ./script.sh", "bash <<EOF\ncanary\nEOF",
                "sh <<< canary", "python3 -c 'import subprocess; subprocess.run([\"can\" + \"ary\"])'");
        // documented open: tool options that run commands
        open(Open.TOOL_OPTION, "git -c alias.x='!canary' x",
                "tar cf /dev/null script.sh --checkpoint=1 --checkpoint-action=exec=canary",
                "ssh -o ProxyCommand=canary -o BatchMode=yes x 2>/dev/null; true");
        // documented open: names formed at run time
        open(Open.RUN_TIME_NAME, "$(printf %s canary)", "\"$(rev <<< yranac)\"",
                "$(tr x c <<< xanary)", "read x <<< canary; $x", "printf -v x canary; $x",
                "x=$(echo 'a[$(canary)]'); echo $((x))", "a=(canary); ${a[0]}", "$(echo Y2FuYXJ5 | base64 -d)");
    }

    static Stream<Arguments> corpus() {
        String bin = dir.resolve("bin").toString();
        return CORPUS.stream().map(a -> Arguments.of(a.command().replace("BIN", bin), a.open()));
    }

    @ParameterizedTest(name = "[{index}] {0} ({1})")
    @MethodSource("corpus")
    void allowListModeRunsNone(String command, Open open) throws IOException {
        assertThat(ranCanary(allowList, command)).as("allow-list mode ran the canary: %s", command).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {0} ({1})")
    @MethodSource("corpus")
    void denyListModeRunsOnlyTheDocumentedOpenClasses(String command, Open open) throws IOException {
        boolean ran = ranCanary(denyList, command);
        if (open == null) {
            assertThat(ran).as("deny-list mode ran the canary: %s", command).isFalse();
        } else {
            assertThat(ran).as("documented open (%s) but did not run: %s", open, command).isTrue();
        }
    }

    @Test
    void theCorpusHoldsAtLeastOneHundredFiftyAttempts() {
        assertThat(CORPUS).hasSizeGreaterThanOrEqualTo(150);
        assertThat(CORPUS.stream().map(Attempt::command).distinct().count()).isEqualTo(CORPUS.size());
    }

    @Test
    void theCanaryRunsWhenNoRuleStopsIt() throws IOException {
        assertThat(ranCanary(free, "canary")).isTrue();
    }

    /** A fresh session for every attempt: what one attempt leaves in the shell cannot decide another. */
    private static boolean ranCanary(BashConfig config, String command) throws IOException {
        Files.deleteIfExists(marker);
        try (CallRecorder calls = new CallRecorder(new BashTool(config))) {
            calls.run(Map.of("command", command, "timeout", 20));
            calls.run(Map.of("command", "", "timeout", 1)); // one more prompt, where prompt hooks would run
        }
        return Files.exists(marker);
    }
}

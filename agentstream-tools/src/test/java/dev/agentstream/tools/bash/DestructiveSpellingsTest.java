package dev.agentstream.tools.bash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.tools.bash.policy.CommandPolicy;
import dev.agentstream.tools.bash.policy.ShellState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spellings of "delete the home directory", "delete the workspace", "delete / or a system directory", sent for real
 * to the bash tool. The shell's HOME is a throwaway directory and its working directory a throwaway workspace,
 * both holding planted files; after every spelling they must all still be there and the call must be a refusal.
 * Spellings aimed at / or a system directory are first checked against the policy in-process and sent to the shell
 * only once refused there, so a hole in the policy fails the test instead of reaching the real root.
 */
class DestructiveSpellingsTest {

    @TempDir
    static Path sandbox;

    private static Path home;
    private static Path workspace;
    private static CallRecorder calls;

    @BeforeAll
    static void plantFilesAndStartTheShell() throws IOException {
        home = Files.createDirectories(sandbox.resolve("home"));
        workspace = Files.createDirectories(sandbox.resolve("ws"));
        calls = new CallRecorder(new BashTool(BashConfig.defaults().withWorkingDirectory(workspace)
                .withEnvironmentVariable("HOME", home.toString())));
        replant();
    }

    @AfterAll
    static void endSession() {
        calls.close();
    }

    private static void replant() throws IOException {
        for (Path f : planted()) {
            Files.createDirectories(f.getParent());
            Files.writeString(f, "keep");
        }
    }

    private static List<Path> planted() {
        return List.of(home.resolve("keep.txt"), home.resolve(".hidden"), home.resolve("sub/deep.txt"),
                workspace.resolve("src/main.txt"), workspace.resolve("README"), sandbox.resolve("beside.txt"));
    }

    static Stream<Arguments> homeAndWorkspaceSpellings() {
        List<String> s = new ArrayList<>(List.of(
                // the four cases of issue 18
                "cat <<E\"O\"F\nx\nEOF\nrm -rf ~\nE\"O\"F",
                "r\u0000m -rf ~",
                "rm -rf \"${HOME%/}\"", "rm -rf ${HOME:?}", "rm -rf \"$(echo ~)\"", "X=~; rm -rf \"$X\"",
                "cd ~ && rm -rf *", "cd ~ && rm -rf ./*", "cd ~ && rm -rf \"$PWD\"", "cd ~ && find . -mindepth 1 -delete",
                "rm -rf HOME_PATH", "echo ~ | xargs rm -rf",
                // more spellings of the home directory
                "rm -rf ~", "rm -rf ~/", "rm -rf \"$HOME\"", "rm -rf ~/.", "rm -rf ~/*", "rm -rf ~/.[!.]* ~/*",
                "rm -rf \"${HOME}/\"", "rm -rf `echo ~`", "rm -rf \"$(cd ~ && pwd)\"", "H=$HOME; rm -rf \"$H\"",
                "for d in ~; do rm -rf \"$d\"; done", "cd; rm -rf *", "cd ~ ; rm -rf -- *", "cd \"$HOME\" && rm -rf .",
                "cd ~/.. && rm -rf home", "rm -rf HOME_PATH/../home", "rm -rf ~+/../home", "find ~ -delete",
                "find \"$HOME\" -mindepth 1 -exec rm -rf {} +", "find ~ -maxdepth 1 -exec rm -rf {} \\;",
                "bash -c 'rm -rf ~'", "sh -c \"cd ~ && rm -rf *\"", "eval 'rm -rf ~'", "env rm -rf ~",
                "command rm -rf \"$HOME\"", "\\rm -rf ~", "/bin/rm -rf ~", "r''m -rf ~", "rm -r ~",
                "rm --recursive --force ~", "rm -rf ${HOME%%/}", "rm -rf \"${HOME:-/nonexistent}\"", "rm -rf ~/{,}",
                "rm -rf {~,/nonexistent}", "X=$HOME/; rm -rf \"$X\"", "printf '%s\\n' ~ | xargs -I{} rm -rf {}",
                "ls -d ~ | xargs rm -rf", "cd ~ && rm -rf .[!.]* *", "rm -rf \"$(dirname ~/x)\"", "nohup rm -rf ~ &",
                "(cd ~ && rm -rf *)", "cd ~ && bash -c 'rm -rf *'", "timeout 5 rm -rf ~", "time rm -rf ~",
                "cd ~\nrm -rf *", "cd ~ || exit; rm -rf *", "pushd ~ >/dev/null && rm -rf *", "D=~; cd \"$D\" && rm -rf *",
                "X=\"$HOME\"; Y=$X; rm -rf \"$Y\"", "rm -rf \"$(echo \"$HOME\")\"", "if true; then cd ~; fi; rm -rf *",
                "f() { rm -rf \"$1\"; }; f ~",
                // the workspace root and what holds it
                "rm -rf .", "rm -rf *", "rm -rf ./*", "rm -rf \"$PWD\"", "rm -rf WS_PATH", "find . -delete",
                "find . -mindepth 1 -delete", "rm -rf ../ws", "rm -rf \"$(pwd)\"", "cd .. && rm -rf ws", "rm -rf ..",
                "rm -rf ../*", "cd .. && rm -rf *", "find .. -delete"));
        return s.stream().map(c -> Arguments.of(c.replace("HOME_PATH", home.toString())
                .replace("WS_PATH", workspace.toString())));
    }

    @ParameterizedTest
    @MethodSource("homeAndWorkspaceSpellings")
    void deletesNothingInTheHomeOrTheWorkspace(String command) throws IOException {
        assertRefusedAndNothingDeleted(command);
    }

    static Stream<String> systemSpellings() {
        return Stream.of("rm -rf /", "rm -rf /*", "rm -rf /usr", "rm -rf /etc/", "X=/; rm -rf \"$X\"",
                "cd / && rm -rf *", "cd / && rm -rf usr", "rm -rf \"${ROOT}/usr\"", "rm -rf \"$UNSET\"/*",
                "find / -delete", "cd /etc && find . -delete", "rm -rf \"$(echo /)\"", "rm -rf /usr/../",
                "cd /usr && rm -rf ../etc", "for d in /bin /sbin; do rm -rf \"$d\"; done");
    }

    @ParameterizedTest
    @MethodSource("systemSpellings")
    void deletesNothingInTheRootOrASystemDirectory(String command) throws IOException {
        ShellState state = new ShellState(home, workspace, workspace);
        // The gate: never hand the real shell a spelling of `rm -rf /` the policy would let through.
        assertThat(CommandPolicy.defaults().check(command, state).allowed()).as(command).isFalse();
        assertRefusedAndNothingDeleted(command);
    }

    @Test
    void inputTypedForAFinishedCommandNeverRunsAsACommand() throws IOException {
        var first = calls.run(Map.of("command", "sleep 2", "timeout", 0.3));
        assertThat(first.meta()).containsEntry("timedOut", true);
        var second = calls.run(Map.of("stdin", "rm -rf ~\n"));
        assertThat(second.meta()).containsEntry("exitCode", 0).containsEntry("discardedInputBytes", 9L);
        assertPlantedFilesRemain("stdin rm -rf ~");
    }

    @Test
    void theCorpusHoldsAtLeastSixtySpellings() {
        assertThat(homeAndWorkspaceSpellings().count() + systemSpellings().count()).isGreaterThanOrEqualTo(60);
    }

    private void assertRefusedAndNothingDeleted(String command) throws IOException {
        var result = calls.bash(command);
        boolean refused = result.result().isError() && result.text().startsWith("Refused by the safety policy, nothing was run");
        assertPlantedFilesRemain(command);
        assertThat(refused).as("refused: %s -> %s", command, result.text()).isTrue();
        assertThat(calls.bash("pwd").text()).as("the shell stayed in the workspace").startsWith(workspace.toString());
    }

    private void assertPlantedFilesRemain(String command) throws IOException {
        List<Path> missing = planted().stream().filter(f -> !Files.exists(f)).toList();
        replant(); // one hole must not hide the others
        calls.bash("cd " + workspace);
        assertThat(missing).as("files deleted by %s", command).isEmpty();
    }
}

package dev.agentstream.tools.bash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input sent with {@code stdin} reaches the running program only, never the shell's next command. */
class TypeAheadTest {

    @TempDir
    Path dir;

    private Path canaryRan;
    private CallRecorder calls;

    @BeforeEach
    void startSessionWithACanaryOnPath() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        canaryRan = dir.resolve("zap-ran");
        Path zap = bin.resolve("zap");
        Files.writeString(zap, "#!/bin/sh\ntouch '" + canaryRan + "'\n");
        Files.setPosixFilePermissions(zap, PosixFilePermissions.fromString("rwxr-xr-x"));
        calls = new CallRecorder(new BashTool(BashConfig.defaults().withWorkingDirectory(dir)
                .withEnvironmentVariable("PATH", bin + ":" + System.getenv("PATH"))));
    }

    @AfterEach
    void endSession() {
        calls.close();
    }

    @Test
    void inputTheCommandNeverReadIsDiscardedNotRunAsTheNextCommand() {
        var first = calls.run(Map.of("command", "sleep 3", "timeout", 0.5));
        assertThat(first.meta()).containsEntry("timedOut", true);

        var second = calls.run(Map.of("stdin", "zap\n"));
        assertThat(second.meta()).containsEntry("exitCode", 0).containsEntry("discardedInputBytes", 4L);
        assertThat(second.text()).endsWith("[exit code 0]\n[4 bytes of input the command did not read were discarded]");

        assertThat(calls.bash("echo next").text()).isEqualTo("next\n[exit code 0]");
        assertThat(canaryRan).doesNotExist();
        assertThat(calls.bash("zap; ls zap-ran").text()).contains("zap-ran").endsWith("[exit code 0]");
    }

    @Test
    void aPartialLineLeftOverDoesNotSpoilTheNextCommand() {
        calls.run(Map.of("command", "sleep 2", "timeout", 0.3));
        var typed = calls.run(Map.of("stdin", "zap"));
        assertThat(typed.meta()).containsEntry("discardedInputBytes", 3L);
        assertThat(calls.bash("echo clean").text()).isEqualTo("clean\n[exit code 0]");
        assertThat(canaryRan).doesNotExist();
    }

    @Test
    void moreInputThanTheTerminalHoldsNeitherHangsNorRuns() {
        calls.run(Map.of("command", "sleep 2", "timeout", 0.3));
        var typed = calls.run(Map.of("stdin", "y".repeat(100_000) + "\nzap\n"));
        assertThat(typed.meta()).containsEntry("exitCode", 0);
        assertThat((Long) typed.meta().get("discardedInputBytes")).isPositive();
        assertThat(calls.bash("echo clean").text()).isEqualTo("clean\n[exit code 0]");
        assertThat(canaryRan).doesNotExist();
    }

    @Test
    void inputTheProgramReadsIsNotReportedAsDiscarded() {
        calls.run(Map.of("command", "read -r answer; echo got $answer", "timeout", 0.3));
        var answered = calls.run(Map.of("stdin", "yes\n"));
        assertThat(answered.text()).isEqualTo("got yes\n[exit code 0]");
        assertThat(answered.meta()).doesNotContainKey("discardedInputBytes");
    }

    @Test
    void theExitStatusOfTheLastCommandSurvivesThePrompt() {
        calls.bash("false");
        assertThat(calls.bash("echo $?").text()).isEqualTo("1\n[exit code 0]");
    }

    @Test
    void everyShellUsesTheOneLoadedCLibraryInsteadOfLoadingItAgain() throws Exception {
        // Loading it again per shell takes JNA's global lock each time: many sessions opening together queued on it.
        assertThat(TypeAhead.libc()).isSameAs(TypeAhead.libc());
    }
}

package dev.agentstream.tools.bash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BashToolTest {

    @TempDir
    Path dir;

    CallRecorder calls;

    @BeforeEach
    void startSession() {
        calls = new CallRecorder(new BashTool(BashConfig.defaults().withWorkingDirectory(dir)));
    }

    @AfterEach
    void endSession() {
        calls.close();
    }

    @Test
    void directoryVariablesAndFunctionsPersistBetweenCalls() {
        calls.bash("mkdir -p sub && cd sub && export GREETING=hello && shout() { echo \"$1!\"; }");
        var result = calls.bash("pwd; echo $GREETING; shout hey");
        assertThat(result.text()).contains(dir.resolve("sub").toString()).contains("hello").contains("hey!");
        assertThat(result.meta()).containsEntry("exitCode", 0);
    }

    @Test
    void aVariableKnownOnlyLaterIsAskedForWhenTheShellStartsAndLeftOutWhenItHasNoValue() {
        java.util.concurrent.CompletableFuture<String> later = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        BashConfig config = BashConfig.defaults().withWorkingDirectory(dir)
                .withEnvironmentVariable("LATER_VALUE", () -> { asked.incrementAndGet(); return later.join(); })
                .withEnvironmentVariable("NO_VALUE", () -> null);
        try (CallRecorder deferred = new CallRecorder(new BashTool(config))) {
            assertThat(asked).hasValue(0);
            later.complete("ready");
            assertThat(deferred.bash("echo \"[$LATER_VALUE] [${NO_VALUE-unset}]\"").text()).startsWith("[ready] [unset]");
            assertThat(asked).hasValue(1);
        }
    }

    @Test
    void theFirstCommandOfAFreshShellShowsExactlyItsOwnOutput() {
        assertThat(calls.bash("echo first").text()).isEqualTo("first\n[exit code 0]");
        assertThat(calls.bash("echo second").outputs()).extracting(ToolEvent.Output::text).containsExactly("second\n");
    }

    @Test
    void aNestedInteractiveShellDoesNotConfuseTheSession() {
        var nested = calls.bash("bash -i -c 'echo inner' </dev/null 2>&1; echo outer");
        assertThat(nested.text()).contains("inner").contains("outer").endsWith("[exit code 0]");
        assertThat(calls.bash("echo after").text()).isEqualTo("after\n[exit code 0]");
    }

    @Test
    void everyExitCodeIsInTheMetadataAndTheModelsText() {
        var failed = calls.bash("echo oops >&2; exit_with() { return $1; }; exit_with 3");
        assertThat(failed.result().isError()).isFalse();
        assertThat(failed.meta()).containsEntry("exitCode", 3);
        assertThat(failed.text()).contains("oops").endsWith("[exit code 3]");

        var ok = calls.bash("true");
        assertThat(ok.meta()).containsEntry("exitCode", 0);
        assertThat(ok.text()).isEqualTo("(no output)\n[exit code 0]");
    }

    @Test
    void multiLineScriptsAndHeredocsRun() {
        var result = calls.bash("cat <<'EOF'\nline one\nline two\nEOF\nfor i in 1 2 3; do\n  echo n$i\ndone");
        assertThat(result.text()).contains("line one\nline two\nn1\nn2\nn3\n");
    }

    @Test
    void aProgramThatBlockBuffersOnPipesStillStreamsLineByLine() {
        // Python block-buffers stdout on a pipe; in a pseudo-terminal it flushes each line.
        var result = calls.bash("python3 -c \"import time; print('first'); time.sleep(1.5); print('second')\"");
        List<ToolEvent.Output> outputs = result.outputs();
        int first = indexOfOutputContaining(outputs, "first");
        int second = indexOfOutputContaining(outputs, "second");
        assertThat(first).isNotNegative();
        assertThat(second).isGreaterThan(first);
        assertThat(outputs.get(first).text()).doesNotContain("second");
        assertThat(outputs.get(second).t() - outputs.get(first).t()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aTimeoutReturnsWhatRanSoFarAndTheNextCallCollectsTheRest() {
        var early = calls.run(Map.of("command", "echo started; sleep 1; echo finished", "timeout", 0.3));
        assertThat(early.text()).contains("started").doesNotContain("finished").contains("still running");
        assertThat(early.meta()).containsEntry("timedOut", true).containsEntry("exitCode", null);

        var blocked = calls.bash("echo another");
        assertThat(blocked.result().isError()).isTrue();
        assertThat(blocked.text()).contains("still running");

        var rest = calls.run(Map.of("command", "", "timeout", 30));
        assertThat(rest.text()).contains("finished").doesNotContain("started");
        assertThat(rest.meta()).containsEntry("exitCode", 0);
        assertThat(calls.bash("echo usable").text()).contains("usable");
    }

    @Test
    void outputPrintedWhileNoCallWasReadingIsKeptForTheNextCall() throws Exception {
        var early = calls.run(Map.of("command", "sleep 0.5; echo late-line; exit_code() { return 4; }; exit_code 4", "timeout", 0.1));
        assertThat(early.meta()).containsEntry("timedOut", true);
        Thread.sleep(1500); // the command ends while no call is attached
        var collected = calls.run(Map.of("command", ""));
        assertThat(collected.text()).contains("late-line");
        assertThat(collected.meta()).containsEntry("exitCode", 4);
    }

    @Test
    void aProgramWaitingForInputIsCaughtByTheTimeoutAndCanBeAnswered() {
        var waiting = calls.run(Map.of("command", "read -r answer; echo \"got $answer\"", "timeout", 0.5));
        assertThat(waiting.meta()).containsEntry("timedOut", true);
        var answered = calls.run(Map.of("stdin", "forty-two\n", "timeout", 10));
        assertThat(answered.text()).contains("got forty-two");
        assertThat(answered.meta()).containsEntry("exitCode", 0);
    }

    @Test
    void aRunningCommandCanBeInterruptedByTheNextCall() {
        calls.run(Map.of("command", "sleep 60", "timeout", 0.3));
        var interrupted = calls.bash("C-c");
        assertThat(interrupted.meta()).containsEntry("exitCode", 130);
        assertThat(calls.bash("echo still-here").text()).contains("still-here");
    }

    @Test
    void closingTheStreamKillsTheCommandAndItsBackgroundChildren() throws Exception {
        ToolStream stream = calls.start(Map.of("command",
                "sleep 300 & echo BG=$!; sh -c 'echo FG=$$; exec sleep 300'"));
        List<Long> pids = new ArrayList<>();
        StringBuilder seen = new StringBuilder();
        for (ToolEvent event : stream) {
            if (event instanceof ToolEvent.Output o) seen.append(o.text());
            Matcher m = Pattern.compile("BG=(\\d+)[\\s\\S]*FG=(\\d+)").matcher(seen);
            if (m.find()) {
                pids.add(Long.parseLong(m.group(1)));
                pids.add(Long.parseLong(m.group(2)));
                break;
            }
        }
        assertThat(pids).hasSize(2);
        assertThat(pids).allMatch(SessionProcesses::isRunning);
        stream.close();
        assertThat(pids).noneMatch(SessionProcesses::isRunning);
        assertThat(stream.terminal()).isPresent();
        assertThat(calls.bash("echo after-cancel").text()).contains("after-cancel");
    }

    @Test
    void restartReplacesTheShell() {
        calls.bash("export KEPT=yes");
        var restarted = calls.run(Map.of("restart", true));
        assertThat(restarted.text()).contains("restarted");
        assertThat(calls.bash("echo \"[$KEPT]\"").text()).contains("[]");
    }

    @Test
    void aShellThatExitsIsReportedAndTheNextCallGetsAFreshOne() {
        calls.bash("export MARK=old");
        var exited = calls.bash("exit 7");
        assertThat(exited.meta()).containsEntry("shellExited", true).containsEntry("exitCode", 7);
        assertThat(exited.text()).contains("the shell exited with status 7");
        var next = calls.bash("echo \"mark=[$MARK]\"");
        assertThat(next.text()).contains("previous shell had exited").contains("mark=[]");
    }

    @Test
    void aShellKilledWithSigkillIsReportedToo() {
        var killed = calls.bash("kill -9 $$");
        assertThat(killed.meta()).containsEntry("shellExited", true);
        assertThat(calls.bash("echo revived").text()).contains("revived");
    }

    @Test
    void progressCarriesElapsedBytesAndLinesAndTurnsDeterminateOnAPercentage() {
        var result = calls.bash("for p in 10 40 70 100; do echo \"downloading $p%\"; sleep 0.3; done");
        List<ToolEvent.Progress> progress = result.progress();
        assertThat(progress).isNotEmpty();
        assertThat(progress).allSatisfy(p -> assertThat(p.counters()).containsKeys("elapsedMs", "bytes", "lines"));
        assertThat(progress).anySatisfy(p -> assertThat(p.fraction()).isPresent());
        assertThat(progress.stream().filter(p -> p.fraction().isPresent()).mapToDouble(p -> p.fraction().getAsDouble()))
                .allMatch(f -> f >= 0.1 && f <= 1.0);
    }

    @Test
    void binaryAndInvalidUtf8OutputNeverBreaksTheCall() {
        // BEL and ESC end whatever terminal sequence the random bytes left open (an ESC P or U+0090 string
        // would otherwise hide the rest, as it would on a terminal).
        var result = calls.bash("head -c 200000 /dev/urandom; printf '\\a\\033\\\\\\xff\\xfe\\xc3'; echo; echo done-binary");
        assertThat(result.terminal()).isInstanceOf(ToolEvent.Completed.class);
        assertThat(result.text()).contains("done-binary");
        assertThat(result.meta()).containsEntry("exitCode", 0);
    }

    @Test
    void aRefusedCommandNeverStartsNotEvenItsHarmlessParts() {
        Path marker = dir.resolve("marker");
        var refused = calls.bash("touch " + marker + "; rm -rf /");
        assertThat(refused.result().isError()).isTrue();
        assertThat(refused.text()).contains("rm -rf /").contains("nothing was run");
        assertThat(refused.outputs()).isEmpty();
        assertThat(Files.exists(marker)).isFalse();
    }

    @Test
    void badInputGetsAClearErrorAndTheSessionLivesOn() {
        var missing = calls.run(Map.of());
        assertThat(missing.result().isError()).isTrue();
        assertThat(missing.text()).contains("command");
        var badTimeout = calls.run(Map.of("command", "echo x", "timeout", -1));
        assertThat(badTimeout.result().isError()).isTrue();
        assertThat(badTimeout.text()).contains("timeout");
        var wrongType = calls.run(Map.of("command", 42));
        assertThat(wrongType.result().isError()).isTrue();
        assertThat(calls.bash("echo fine").text()).contains("fine");
    }

    @Test
    void theFullOutputIsSpooledToAFile() throws Exception {
        var result = calls.bash("seq 1 1000");
        Path spool = Path.of((String) result.meta().get("spoolPath"));
        assertThat(Files.readString(spool)).startsWith("1\n2\n").contains("\n1000\n");
        assertThat(result.meta()).containsEntry("lines", 1000L).containsEntry("truncated", false);
    }

    private static int indexOfOutputContaining(List<ToolEvent.Output> outputs, String text) {
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i).text().contains(text)) return i;
        }
        return -1;
    }
}

package dev.agentstream.tools.bash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bash tool starting a session's shell before its first call ({@link BashTool#prepare}). */
class BashPrepareTest {

    @TempDir
    Path dir;

    @Test
    void preparingStartsTheShellAndTheFirstCallRunsInIt() {
        try (CallRecorder calls = new CallRecorder(new BashTool(BashConfig.defaults().withWorkingDirectory(dir)))) {
            Set<Long> before = shellsOfThisJvm();
            calls.tool.prepare(calls.context());
            Set<Long> started = new HashSet<>(shellsOfThisJvm());
            started.removeAll(before);
            assertThat(started).as("one shell started by prepare, before any call").hasSize(1);

            String firstCall = calls.bash("echo $$").text();
            assertThat(firstCall.lines().findFirst().orElseThrow().strip()).isEqualTo(Long.toString(started.iterator().next()));
        }
    }

    @Test
    void aShellThatCannotStartEarlyFailsTheFirstCallJustAsWithoutTheEarlyStart() {
        // A variable whose value cannot be had when the shell starts (a secret store that is down, say).
        BashConfig broken = BashConfig.defaults().withWorkingDirectory(dir).withEnvironmentVariable("TOKEN", () -> {
            throw new IllegalStateException("the token store is unreachable");
        });
        String withoutEarlyStart;
        try (CallRecorder calls = new CallRecorder(new BashTool(broken))) {
            withoutEarlyStart = calls.bash("echo hi").text();
        }
        try (CallRecorder calls = new CallRecorder(new BashTool(broken))) {
            assertThatThrownBy(() -> calls.tool.prepare(calls.context())).hasMessageContaining("the token store is unreachable");
            var first = calls.bash("echo hi");
            assertThat(first.result().isError()).isTrue();
            assertThat(first.text()).isEqualTo(withoutEarlyStart).contains("the token store is unreachable");
        }
    }

    private static Set<Long> shellsOfThisJvm() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/bash")).orElse(false))
                .map(ProcessHandle::pid).collect(Collectors.toSet());
    }
}

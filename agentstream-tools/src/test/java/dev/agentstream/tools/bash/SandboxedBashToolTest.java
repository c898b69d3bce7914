package dev.agentstream.tools.bash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolStream;
import dev.agentstream.tools.bash.sandbox.SandboxConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every behaviour of {@link BashToolTest} (persistence, streaming, exit codes, timeouts, backlog, input,
 * interrupts, restarts, progress) once more with the shell inside bubblewrap.
 */
class SandboxedBashToolTest extends BashToolTest {

    @Override
    @BeforeEach
    void startSession() {
        calls = new CallRecorder(new BashTool(BashConfig.defaults().withWorkingDirectory(dir)
                .withSandbox(SandboxConfig.workspaceWrite(List.of(dir)))));
    }

    /** Inside its own PID namespace the shell's $! is not a pid of this machine: the processes are found by their arguments. */
    @Override
    @Test
    void closingTheStreamKillsTheCommandAndItsBackgroundChildren() {
        String marker = SandboxProcesses.uniqueSleep();
        ToolStream stream = calls.start(Map.of("command",
                "sleep " + marker + " & setsid sleep " + marker + " & echo STARTED; sh -c 'exec sleep " + marker + "'"));
        StringBuilder seen = new StringBuilder();
        for (ToolEvent event : stream) {
            if (event instanceof ToolEvent.Output o) seen.append(o.text());
            if (seen.toString().contains("STARTED")) break;
        }
        SandboxProcesses.awaitCount(marker, 3);
        stream.close();
        assertThat(SandboxProcesses.running(marker)).isEmpty();
        assertThat(stream.terminal()).isPresent();
        assertThat(calls.bash("echo after-cancel").text()).contains("after-cancel");
    }

    @Test
    void everyResultSaysWhichSandboxRanIt() {
        assertThat(calls.bash("true").meta()).containsEntry("sandbox", "workspace-write").containsEntry("network", false);
        assertThat(calls.bash("rm -rf /").meta()).containsEntry("sandbox", "workspace-write");
    }
}

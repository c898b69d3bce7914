package dev.agentstream.tools.bash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.tools.bash.sandbox.SandboxConfig;
import dev.agentstream.tools.computer.DisplaySize;
import dev.agentstream.tools.computer.VirtualDisplay;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Programs the sandboxed shell starts can draw on the computer tool's display (Xvfb, no AWT in this JVM). */
class SandboxDisplayTest {

    /** The X11 connection set-up (12 bytes, no authorisation) over the display's socket; the server answers 1 for success. */
    private static final String X_HANDSHAKE = """
            python3 -c "
            import os, socket, struct
            number = os.environ['DISPLAY'].split(':')[1].split('.')[0]
            s = socket.socket(socket.AF_UNIX); s.connect('/tmp/.X11-unix/X' + number)
            s.sendall(struct.pack('<BxHHHHxx', 0x6c, 11, 0, 0, 0))
            print('X-SETUP', s.recv(8)[0])"
            """;

    @TempDir
    Path workspace;

    @Test
    void theDisplaySocketIsBoundIntoTheSandboxWhenTheShellHasADisplay() {
        try (VirtualDisplay display = VirtualDisplay.start(new DisplaySize(640, 480, 24));
             CallRecorder calls = new CallRecorder(new BashTool(BashConfig.defaults().withWorkingDirectory(workspace)
                     .withEnvironmentVariable("DISPLAY", display.name())
                     .withSandbox(SandboxConfig.workspaceWrite(List.of(workspace)))))) {
            var result = calls.bash(X_HANDSHAKE);
            assertThat(result.text()).contains("X-SETUP 1").endsWith("[exit code 0]");
        }
        try (CallRecorder noDisplay = new CallRecorder(new BashTool(BashConfig.defaults().withWorkingDirectory(workspace)
                .withEnvironmentVariable("DISPLAY", "")
                .withSandbox(SandboxConfig.workspaceWrite(List.of(workspace)))))) {
            assertThat(noDisplay.bash("test -e /tmp/.X11-unix && echo BOUND || echo ABSENT").text()).startsWith("ABSENT\n");
        }
    }
}

package dev.agentstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentstream display}: a real Xvfb that lives as long as the command, and no longer. */
class DisplayCommandTest {

    @TempDir
    Path dir;

    @Test
    void startsAVirtualDisplayPrintsHowToUseItAndStopsItOnExit() throws Exception {
        try (CliProcess cli = CliProcess.start(dir, "display", "--size", "800x600x24")) {
            String name = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Pattern running = Pattern.compile("Virtual display (:\\d+) \\(800x600x24\\) is running");
            while (name == null && System.nanoTime() < deadline && cli.process.isAlive()) {
                Matcher m = running.matcher(cli.stdoutText());
                if (m.find()) name = m.group(1);
                else Thread.sleep(50);
            }
            assertThat(name).as("stdout: %s", cli.stdoutText()).isNotNull();
            assertThat(cli.stdoutText()).contains("export DISPLAY=" + name);

            assertThat(Path.of("/tmp/.X11-unix/X" + name.substring(1))).exists();
            long xvfb = ProcessHandle.allProcesses()
                    .filter(p -> p.info().command().map(c -> c.endsWith("Xvfb")).orElse(false))
                    .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("800x600x24")).orElse(false))
                    .mapToLong(ProcessHandle::pid).findFirst().orElseThrow();
            assertThat(running(xvfb)).isTrue();

            cli.process.destroy(); // SIGTERM, as when the user's terminal closes
            cli.process.waitFor(20, TimeUnit.SECONDS);
            long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (running(xvfb) && System.nanoTime() < gone) Thread.sleep(50);
            assertThat(running(xvfb)).as("Xvfb %d outlived agentstream display", xvfb).isFalse();
        }
    }

    @Test
    void aBadSizeIsBadUsage() throws Exception {
        try (CliProcess cli = CliProcess.start(dir, "display", "--size", "huge")) {
            assertThat(cli.waitFor()).isEqualTo(2);
            assertThat(cli.stderr.get()).isNotBlank();
        }
    }

    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (java.io.IOException e) {
            return false;
        }
    }
}

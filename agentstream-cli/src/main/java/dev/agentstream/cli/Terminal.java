package dev.agentstream.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a standard stream is a terminal, which decides between a live progress bar and plain lines. */
final class Terminal {

    private Terminal() {}

    /** True when file descriptor {@code fd} (1 = stdout, 2 = stderr) is a terminal. */
    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return System.console() != null;
        }
    }
}

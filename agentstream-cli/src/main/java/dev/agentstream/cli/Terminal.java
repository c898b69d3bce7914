package dev.agentstream.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a standard stream is a terminal (a live progress bar or plain lines), and how wide it is. */
final class Terminal {

    static final int FALLBACK_COLUMNS = 80;

    private Terminal() {}

    /**
     * The terminal's width in columns: $COLUMNS when set, else what {@code stty size} reads from the
     * controlling terminal, else {@value #FALLBACK_COLUMNS}.
     */
    static int columns() {
        return columns(System.getenv("COLUMNS"), Terminal::sttyColumns);
    }

    static int columns(String env, java.util.function.IntSupplier stty) {
        try {
            if (env != null && Integer.parseInt(env.strip()) > 0) return Integer.parseInt(env.strip());
        } catch (NumberFormatException ignored) {
            // Not a number: ask the terminal.
        }
        int read = stty.getAsInt();
        return read > 0 ? read : FALLBACK_COLUMNS;
    }

    private static int sttyColumns() {
        java.io.File tty = new java.io.File("/dev/tty");
        if (!tty.canRead()) return 0;
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String answer = new String(stty.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            if (!stty.waitFor(2, java.util.concurrent.TimeUnit.SECONDS) || stty.exitValue() != 0) return 0;
            String[] rowsAndColumns = answer.split("\\s+");
            return rowsAndColumns.length == 2 ? Integer.parseInt(rowsAndColumns[1]) : 0;
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

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

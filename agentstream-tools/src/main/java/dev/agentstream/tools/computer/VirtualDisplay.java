package dev.agentstream.tools.computer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A virtual X display: an Xvfb server on a free display number, for the computer tool or for
 * {@code agentstream display}.
 *
 * <p>Xvfb runs under a small shell that holds the read end of a pipe from this JVM and stops Xvfb when the
 * pipe closes. The pipe closes when {@link #close()} is called and, whatever happens, when this JVM exits
 * (even when it is killed), so no Xvfb outlives the process that started it. It also means Xvfb goes away
 * after the JVM, never before it: an AWT connected to it would end the JVM if its X server vanished.
 * Xvfb picks the display number itself ({@code -displayfd}) and reports it once it accepts connections.
 */
public final class VirtualDisplay implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(3);

    /** Starts Xvfb in the background, stops it when stdin closes, and exits with Xvfb's status. */
    private static final String SUPERVISOR = """
            exec 3<&0
            "$0" "$@" </dev/null 3<&- &
            xvfb=$!
            { read -r _ <&3; kill "$xvfb" 2>/dev/null; } </dev/null >/dev/null 2>&1 &
            watcher=$!
            wait "$xvfb"; status=$?
            kill "$watcher" 2>/dev/null
            exit "$status"
            """;

    private final String name;
    private final DisplaySize size;
    private final Process supervisor;
    private final OutputStream lifeline;
    private volatile boolean closed;

    private VirtualDisplay(String name, DisplaySize size, Process supervisor) {
        this.name = name;
        this.size = size;
        this.supervisor = supervisor;
        this.lifeline = supervisor.getOutputStream();
    }

    /**
     * Starts Xvfb at this size and returns once it accepts connections.
     *
     * @throws DisplayUnavailableException when Xvfb is not installed or does not start
     */
    public static VirtualDisplay start(DisplaySize size) {
        return start(size, locateXvfb(System.getenv("PATH")));
    }

    static VirtualDisplay start(DisplaySize size, Path xvfb) {
        return start(size, xvfb, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Starts Xvfb with its start-up messages in a file in {@code logDir}, removed once it is ready. */
    static VirtualDisplay start(DisplaySize size, Path xvfb, Path logDir) {
        Path log;
        Process supervisor;
        try {
            log = Files.createTempFile(logDir, "agentstream-xvfb-", ".log");
            supervisor = new ProcessBuilder(List.of("sh", "-c", SUPERVISOR, xvfb.toString(),
                    "-displayfd", "1", "-screen", "0", size.toString(), "-nolisten", "tcp", "-noreset"))
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new DisplayUnavailableException("Could not start Xvfb (" + e.getMessage() + "); check that " + xvfb + " can run.", e);
        }
        String number = awaitDisplayNumber(supervisor, log);
        // Its messages were needed only to explain a failed start. Xvfb keeps writing to the open (now
        // nameless) file, so no log is left in the temp directory, even when this JVM never closes the display.
        deleteQuietly(log);
        return new VirtualDisplay(":" + number, size, supervisor);
    }

    /** The Xvfb on the PATH, or a clear error naming the package to install. */
    static Path locateXvfb(String path) {
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (dir.isEmpty()) continue;
                Path candidate = Path.of(dir, "Xvfb");
                if (Files.isExecutable(candidate)) return candidate;
            }
        }
        throw new DisplayUnavailableException("No X display: DISPLAY is not set and Xvfb is not installed; install the xvfb package "
                + "(apt-get install xvfb) or set DISPLAY to a running X server.");
    }

    private static String awaitDisplayNumber(Process supervisor, Path log) {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(supervisor.getInputStream(), StandardCharsets.US_ASCII));
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }, runnable -> Thread.ofVirtual().name("xvfb-start").start(runnable));
        String number;
        try {
            number = line.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            supervisor.destroyForcibly();
            throw new DisplayUnavailableException("Xvfb did not become ready within " + START_TIMEOUT.toSeconds() + " s: " + tail(log));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            supervisor.destroyForcibly();
            throw new DisplayUnavailableException("Interrupted while waiting for Xvfb to start.", e);
        } catch (ExecutionException e) {
            number = null;
        }
        if (number == null || !number.strip().matches("\\d+")) {
            supervisor.destroyForcibly();
            throw new DisplayUnavailableException("Xvfb exited before it was ready: " + tail(log));
        }
        return number.strip();
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log).strip();
            if (text.isEmpty()) return "(it printed nothing)";
            return text.length() <= 400 ? text : "..." + text.substring(text.length() - 400);
        } catch (IOException e) {
            return "(its log " + log + " is unreadable)";
        }
    }

    /** The display name, such as {@code :99}, to put in {@code DISPLAY}. */
    public String name() {
        return name;
    }

    public DisplaySize size() {
        return size;
    }

    public boolean isRunning() {
        return supervisor.isAlive();
    }

    /** Completes when the display has stopped, whether it was closed or Xvfb ended by itself. */
    public CompletableFuture<VirtualDisplay> onExit() {
        return supervisor.onExit().thenApply(p -> this);
    }

    /** Stops Xvfb (closing the pipe its supervisor watches) and waits for it to be gone. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            lifeline.close();
        } catch (IOException e) {
            // the supervisor is gone already; making sure below
        }
        try {
            if (!supervisor.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                supervisor.descendants().forEach(ProcessHandle::destroyForcibly);
                supervisor.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            supervisor.descendants().forEach(ProcessHandle::destroyForcibly);
            supervisor.destroyForcibly();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stray log file in the temp directory is harmless
        }
    }

    @Override
    public String toString() {
        return "Xvfb " + name + " (" + size + ")";
    }
}

package dev.agentstream.tools.bash;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kills a bash session's processes even when this JVM is killed with SIGKILL and cannot do it itself.
 *
 * <p>Every process of the session carries {@code AGENTSTREAM_SESSION=<id>} in its environment (inherited
 * from the shell, so setsid, nohup and double forks keep it). A small {@code sh} holds the read end of a
 * pipe from this JVM; when the pipe closes (on {@link #close()}, or when the JVM dies however it dies) it
 * kills every process whose {@code /proc/PID/environ} carries the id, a few rounds to catch forks in
 * flight. It ignores SIGINT, SIGTERM and SIGHUP, so a Ctrl-C to the terminal's process group reaches
 * the JVM but not the reaper. The same idea as the computer tool's Xvfb supervisor.
 */
final class SessionReaper implements AutoCloseable {

    static final String VARIABLE = "AGENTSTREAM_SESSION";

    private static final String SCRIPT = """
            trap '' INT TERM HUP
            read -r _
            for round in 1 2 3 4 5; do
              found=
              for f in $(grep -lzxF "$1" /proc/[0-9]*/environ 2>/dev/null); do
                p=${f#/proc/}; kill -9 "${p%/environ}" 2>/dev/null && found=1
              done
              [ -n "$found" ] || break
              sleep 0.1
            done
            """;

    private final Process reaper;
    private final OutputStream lifeline;

    private SessionReaper(Process reaper) {
        this.reaper = reaper;
        this.lifeline = reaper.getOutputStream();
    }

    /** Starts the reaper for the processes marked with {@code id}. */
    static SessionReaper start(String id) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of("/bin/sh", "-c", SCRIPT, "agentstream-reaper", VARIABLE + "=" + id))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        // The reaper's grep and kill are the system's, whatever PATH the user gave this process.
        builder.environment().put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        Process process = builder.start();
        return new SessionReaper(process);
    }

    boolean isAlive() {
        return reaper.isAlive();
    }

    /** Lets the reaper kill what is left of the session, and waits (briefly) until it has. */
    @Override
    public void close() {
        try {
            lifeline.close();
        } catch (IOException e) {
            // the reaper is gone already
        }
        try {
            if (!reaper.waitFor(3, TimeUnit.SECONDS)) reaper.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.agentstream.tools.bash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Finds a sandbox's processes from outside by a marker in their arguments, since their pids are the namespace's own. */
final class SandboxProcesses {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private SandboxProcesses() {}

    /** A sleep length no other process on the machine uses, e.g. 3600.00012345 */
    static String uniqueSleep() {
        return "3600." + ProcessHandle.current().pid() + String.format("%04d", COUNTER.incrementAndGet());
    }

    /** Pids (of this machine) of running processes whose arguments contain {@code marker}. */
    static List<Long> running(String marker) {
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : proc) {
                long pid = Long.parseLong(dir.getFileName().toString());
                try {
                    String cmdline = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                    if (cmdline.contains(marker) && !cmdline.contains("bash") && !cmdline.contains("bwrap")
                            && SessionProcesses.isRunning(pid)) {
                        found.add(pid);
                    }
                } catch (IOException e) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list /proc", e);
        }
        return found;
    }

    /** Waits (up to 10 s, for a loaded machine) until {@code count} such processes run; fails otherwise. */
    static void awaitCount(String marker, int count) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (running(marker).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Expected " + count + " processes with '" + marker + "', found " + running(marker));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}

package dev.agentstream.tools.bash;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Finds and kills the processes a shell started: every process of the shell's terminal session (which
 * catches background jobs and double-forked children that outlived their parents) plus every
 * descendant (which catches those that called setsid). Linux /proc based; the shell itself is spared.
 */
final class SessionProcesses {

    private SessionProcesses() {}

    static Set<Long> of(long shellPid) {
        return of(shellPid, null);
    }

    /**
     * Also every process whose environment carries {@code marker} (such as {@code AGENTSTREAM_SESSION=id}):
     * that catches a {@code setsid} child whose parent exited, which is in neither the shell's terminal
     * session nor its tree any more.
     */
    static Set<Long> of(long shellPid, String marker) {
        Set<Long> pids = new LinkedHashSet<>();
        ProcessHandle.of(shellPid).ifPresent(shell -> shell.descendants().forEach(p -> pids.add(p.pid())));
        byte[] wanted = marker == null ? null : (marker + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : proc) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (pid == shellPid || pid == self) continue;
                if (sessionOf(dir).orElse(-1L) == shellPid || (wanted != null && environHolds(dir, wanted))) pids.add(pid);
            }
        } catch (IOException | RuntimeException e) {
            // /proc is missing or changed under us: the descendants found above are the best we know.
        }
        return pids;
    }

    /** Sends SIGTERM (or SIGKILL when {@code force}) to each; returns how many were signalled. */
    static int signal(Set<Long> pids, boolean force) {
        int signalled = 0;
        for (long pid : pids) {
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isPresent() && handle.get().isAlive()) {
                boolean sent = force ? handle.get().destroyForcibly() : handle.get().destroy();
                if (sent) signalled++;
            }
        }
        return signalled;
    }

    static boolean anyAlive(Set<Long> pids) {
        return pids.stream().anyMatch(SessionProcesses::isRunning);
    }

    /** Alive and not a zombie waiting to be reaped. */
    static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean environHolds(Path procDir, byte[] entry) {
        byte[] environ;
        try {
            environ = Files.readAllBytes(procDir.resolve("environ"));
        } catch (IOException | RuntimeException e) {
            return false; // another user's process, or gone: not one of ours
        }
        outer:
        for (int start = 0; start + entry.length <= environ.length; ) {
            for (int i = 0; i < entry.length; i++) {
                if (environ[start + i] != entry[i]) {
                    int end = start;
                    while (end < environ.length && environ[end] != 0) end++;
                    start = end + 1;
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static Optional<Long> sessionOf(Path procDir) {
        try {
            String stat = Files.readString(procDir.resolve("stat"));
            // "pid (comm) state ppid pgrp session ..." where comm may hold spaces and parentheses.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(fields[3]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

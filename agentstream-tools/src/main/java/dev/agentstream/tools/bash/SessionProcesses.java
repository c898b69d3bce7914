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
        Set<Long> pids = new LinkedHashSet<>();
        ProcessHandle.of(shellPid).ifPresent(shell -> shell.descendants().forEach(p -> pids.add(p.pid())));
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : proc) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (pid != shellPid && sessionOf(dir).orElse(-1L) == shellPid) pids.add(pid);
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

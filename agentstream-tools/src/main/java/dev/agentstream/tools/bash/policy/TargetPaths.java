package dev.agentstream.tools.bash.policy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/** Recognises paths whose loss would wreck the machine: the root, home directories, system directories, disks. */
final class TargetPaths {

    static final Set<String> SYSTEM_DIRS = Set.of("bin", "boot", "dev", "etc", "home", "lib", "lib32", "lib64",
            "libx32", "media", "mnt", "nix", "opt", "proc", "root", "run", "sbin", "snap", "srv", "sys", "usr", "var",
            "Applications", "Library", "System", "Users", "Volumes", "private");

    private static final List<String> BLOCK_DEVICES = List.of("sd", "hd", "vd", "xvd", "nvme", "mmcblk", "loop",
            "md", "dm-", "sr", "nbd", "zram", "mtdblock", "disk", "rdisk", "mapper/", "block/", "root");

    private static final Set<String> HARMLESS_DEVICES =
            Set.of("null", "zero", "full", "stdout", "stderr", "stdin", "tty", "random", "urandom", "console");
    private static final List<String> HARMLESS_DEVICE_DIRS = List.of("fd/", "pts/", "shm/", "tty");

    private TargetPaths() {
    }

    /**
     * Lexical normal form: {@code $HOME}, {@code ${HOME}} become {@code ~}; duplicate slashes, {@code .} and
     * {@code ..} segments and trailing slashes go. Relative paths come back unchanged.
     */
    static String normalize(String raw) {
        String p = raw;
        for (String home : new String[] {"${HOME}", "$HOME"}) {
            if (p.equals(home) || p.startsWith(home + "/")) {
                p = "~" + p.substring(home.length());
            }
        }
        String base;
        String rest;
        if (p.startsWith("~")) {
            int slash = p.indexOf('/');
            base = slash < 0 ? p : p.substring(0, slash);
            rest = slash < 0 ? "" : p.substring(slash);
        } else if (p.startsWith("/")) {
            base = "";
            rest = p;
        } else {
            return p;
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : rest.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!segments.isEmpty() && !segments.peekLast().equals("..")) {
                    segments.removeLast();
                } else if (!base.isEmpty()) {
                    segments.addLast(".."); // above a home directory
                }
                continue;
            }
            segments.addLast(segment);
        }
        if (segments.isEmpty()) {
            return base.isEmpty() ? "/" : base;
        }
        return base + "/" + String.join("/", segments);
    }

    /** What deleting {@code raw} recursively would destroy, or null when it is not a protected path. */
    static String deletionDanger(String raw) {
        String n = normalize(raw);
        if (n.startsWith("~")) {
            String[] parts = n.split("/");
            String home = parts[0].equals("~") ? "your home directory" : "the home directory " + parts[0];
            if (parts.length == 1) {
                return home;
            }
            if (parts[1].equals("..")) {
                return "the directory that holds " + home;
            }
            return parts.length == 2 && globOnly(parts[1]) ? "everything in " + home : null;
        }
        return systemDanger(n);
    }

    /** Like {@link #deletionDanger} but only the root and system directories, not home directories. */
    static String systemDanger(String raw) {
        String n = normalize(raw);
        if (n.equals("/")) {
            return "the root filesystem";
        }
        if (!n.startsWith("/")) {
            return null;
        }
        String[] parts = n.substring(1).split("/");
        if (parts.length == 1) {
            if (globOnly(parts[0])) {
                return "everything under /";
            }
            if (hasGlob(parts[0])) {
                return "every top-level directory matching " + n;
            }
            return SYSTEM_DIRS.contains(parts[0]) ? "the system directory " + n : null;
        }
        if (parts.length == 2 && SYSTEM_DIRS.contains(parts[0]) && globOnly(parts[1])) {
            return "everything in the system directory /" + parts[0];
        }
        return null;
    }

    /** A disk or partition, whose raw contents a write would overwrite. */
    static boolean isBlockDevice(String raw) {
        String n = normalize(raw);
        if (!n.startsWith("/dev/")) {
            return false;
        }
        String device = n.substring(5);
        return BLOCK_DEVICES.stream().anyMatch(device::startsWith);
    }

    /** Any device node other than the harmless ones ({@code /dev/null}, terminals, ...). */
    static boolean isDevice(String raw) {
        String n = normalize(raw);
        if (!n.startsWith("/dev/")) {
            return false;
        }
        String device = n.substring(5);
        return !HARMLESS_DEVICES.contains(device) && HARMLESS_DEVICE_DIRS.stream().noneMatch(device::startsWith);
    }

    static boolean hasGlob(String segment) {
        return segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0 || segment.indexOf('[') >= 0;
    }

    /** A segment that matches (nearly) every name, like {@code *}, {@code .*} or {@code ?*}. */
    static boolean globOnly(String segment) {
        if (!hasGlob(segment)) {
            return false;
        }
        String withoutClasses = segment.replaceAll("\\[[^]]*]", "");
        return withoutClasses.chars().allMatch(c -> c == '*' || c == '?' || c == '.');
    }
}

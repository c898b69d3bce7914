package dev.agentstream.tools.edit;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The editor's temp files, {@code .NAME.PID-RANDOM.tmp} next to their target, and the sweep that removes
 * those a killed process left behind. The writer's PID is in the name, so a temp file is litter exactly
 * when that process is gone, or is this JVM and no write of ours holds it. Files of the older naming
 * without a PID ({@code .NAME.RANDOM.tmp}) are removed once untouched for an hour: no write takes that long.
 */
final class TempFiles {

    private static final long SELF = ProcessHandle.current().pid();
    private static final Pattern WITH_PID = Pattern.compile("\\..+\\.(\\d+)-[0-9a-f]{1,16}\\.tmp");
    private static final Pattern LEGACY = Pattern.compile("\\..+\\.[0-9a-f]{1,16}\\.tmp");
    private static final Duration LEGACY_AGE = Duration.ofHours(1);

    /** Temp files this JVM is writing right now: never litter, whatever their age. */
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    private TempFiles() {}

    /** A fresh temp file name for {@code target}, registered as in flight until {@link #done}. */
    static Path claim(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + target.getFileName() + "." + SELF + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        IN_FLIGHT.add(temp);
        return temp;
    }

    static void done(Path temp) {
        IN_FLIGHT.remove(temp);
    }

    /** Removes the temp files in {@code dir} whose writer is gone; returns how many. Never fails the caller. */
    static int sweep(Path dir) {
        int removed = 0;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path temp : temps) {
                if (isLitter(temp) && Files.deleteIfExists(temp)) removed++;
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable folder or a file gone meanwhile: the litter waits for the next call
        }
        return removed;
    }

    static boolean isLitter(Path temp) throws IOException {
        String name = temp.getFileName().toString();
        Matcher withPid = WITH_PID.matcher(name);
        if (withPid.matches()) {
            long pid = Long.parseLong(withPid.group(1));
            if (pid == SELF) return !IN_FLIGHT.contains(temp);
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        }
        if (LEGACY.matcher(name).matches() && Files.isRegularFile(temp)) {
            FileTime modified = Files.getLastModifiedTime(temp);
            return modified.toInstant().isBefore(Instant.now().minus(LEGACY_AGE));
        }
        return false;
    }
}

package dev.agentstream.core;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the spool directory from growing forever: session folders untouched for longer than the
 * retention are removed, once per spool directory and JVM, in the background.
 */
final class SpoolJanitor {

    static final Duration RETENTION = Duration.ofDays(7);

    private static final Logger log = LoggerFactory.getLogger(SpoolJanitor.class);
    private static final Set<Path> swept = ConcurrentHashMap.newKeySet();

    private SpoolJanitor() {}

    /** Starts one sweep of {@code spoolDir} unless this JVM already swept it. */
    static void sweepOnce(Path spoolDir) {
        if (!swept.add(spoolDir.toAbsolutePath())) return;
        Thread.ofVirtual().name("spool-janitor").start(() -> sweep(spoolDir, Instant.now().minus(RETENTION)));
    }

    /** Removes the session folders of {@code spoolDir} last modified before {@code cutoff}; returns how many. */
    static int sweep(Path spoolDir, Instant cutoff) {
        if (!Files.isDirectory(spoolDir)) return 0;
        int removed = 0;
        try (DirectoryStream<Path> sessions = Files.newDirectoryStream(spoolDir)) {
            for (Path session : sessions) {
                if (Files.isDirectory(session) && lastModified(session).toInstant().isBefore(cutoff)) {
                    deleteTree(session);
                    removed++;
                }
            }
        } catch (IOException e) {
            log.debug("Sweeping the spool directory {} stopped: {}", spoolDir, e.toString());
        }
        return removed;
    }

    private static FileTime lastModified(Path folder) throws IOException {
        FileTime newest = Files.getLastModifiedTime(folder);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                FileTime t = Files.getLastModifiedTime(f);
                if (t.compareTo(newest) > 0) newest = t;
            }
        }
        return newest;
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}

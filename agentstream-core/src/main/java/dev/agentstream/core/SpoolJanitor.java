package dev.agentstream.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the spool directory from growing forever, once per spool directory and JVM, in the background:
 * session folders untouched for longer than the retention are removed, and then, while the folders left
 * take more than the size budget, the least recently touched ones go first. Folders touched within the
 * last {@link SpoolBudget#IN_USE} are kept even over budget, since a running session may still page through them.
 */
final class SpoolJanitor {

    static final Duration RETENTION = Duration.ofDays(7);

    private static final Logger log = LoggerFactory.getLogger(SpoolJanitor.class);
    private static final Set<Path> swept = ConcurrentHashMap.newKeySet();

    private SpoolJanitor() {}

    /** Starts one sweep of {@code spoolDir} unless this JVM already swept it; the environment's budget wins over {@code configuredMaxBytes}. */
    static void sweepOnce(Path spoolDir, long configuredMaxBytes) {
        if (!swept.add(spoolDir.toAbsolutePath())) return;
        SpoolBudget budget;
        try {
            budget = SpoolBudget.fromEnvironment(System.getenv(), new SpoolBudget(configuredMaxBytes));
        } catch (IllegalArgumentException e) {
            log.warn("{} The spool is swept by age only.", e.getMessage());
            budget = SpoolBudget.unlimited();
        }
        SpoolBudget chosen = budget;
        Thread.ofVirtual().name("spool-janitor").start(() -> sweep(spoolDir, Instant.now(), RETENTION, chosen));
    }

    /** Removes the session folders of {@code spoolDir} last modified before {@code cutoff}; returns how many. */
    static int sweep(Path spoolDir, Instant cutoff) {
        return sweep(spoolDir, cutoff.plus(RETENTION), RETENTION, SpoolBudget.unlimited());
    }

    /**
     * Removes the session folders older than {@code retention} at {@code now}, then the oldest of the rest
     * until they fit {@code budget}; returns how many folders went.
     */
    static int sweep(Path spoolDir, Instant now, Duration retention, SpoolBudget budget) {
        if (!Files.isDirectory(spoolDir)) return 0;
        int removed = 0;
        try {
            List<SessionFolder> kept = new ArrayList<>();
            for (SessionFolder folder : sessionFolders(spoolDir)) {
                if (folder.lastModified().isBefore(now.minus(retention))) {
                    deleteTree(folder.path());
                    removed++;
                } else {
                    kept.add(folder);
                }
            }
            long total = kept.stream().mapToLong(SessionFolder::bytes).sum();
            kept.sort(Comparator.comparing(SessionFolder::lastModified));
            Instant inUseSince = now.minus(SpoolBudget.IN_USE);
            for (SessionFolder folder : kept) {
                if (total <= budget.maxBytes() || !folder.lastModified().isBefore(inUseSince)) break;
                deleteTree(folder.path());
                total -= folder.bytes();
                removed++;
            }
        } catch (IOException | UncheckedIOException e) {
            log.debug("Sweeping the spool directory {} stopped: {}", spoolDir, e.toString());
        }
        return removed;
    }

    private record SessionFolder(Path path, Instant lastModified, long bytes) {}

    private static List<SessionFolder> sessionFolders(Path spoolDir) throws IOException {
        List<SessionFolder> folders = new ArrayList<>();
        try (DirectoryStream<Path> sessions = Files.newDirectoryStream(spoolDir, Files::isDirectory)) {
            for (Path session : sessions) folders.add(measure(session));
        }
        return folders;
    }

    /** A folder's newest modification (its own or a file's inside) and the bytes its files take. */
    private static SessionFolder measure(Path folder) throws IOException {
        Instant newest = Files.getLastModifiedTime(folder).toInstant();
        long bytes = 0;
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                BasicFileAttributes attributes = Files.readAttributes(f, BasicFileAttributes.class);
                Instant t = attributes.lastModifiedTime().toInstant();
                if (t.isAfter(newest)) newest = t;
                if (attributes.isRegularFile()) bytes += attributes.size();
            }
        }
        return new SessionFolder(folder, newest, bytes);
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}

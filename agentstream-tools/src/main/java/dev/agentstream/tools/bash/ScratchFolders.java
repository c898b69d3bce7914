package dev.agentstream.tools.bash;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-session scratch folders of bash sessions (command scripts, the prompt FIFO, the backlog). A session
 * removes its own on close, but a JVM that ends without closing its sessions (killed, or a test fork that just
 * exits) cannot, so each folder's name carries the pid of the JVM that made it and the first session of a JVM
 * removes the folders of JVMs that are gone.
 */
final class ScratchFolders {

    static final String PREFIX = "agentstream-bash-";

    /** Folders named before they carried a pid are only removed once nobody can still be using them. */
    static final Duration UNOWNED_AGE = Duration.ofDays(1);

    private static final Pattern OWNED = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-\\d+");
    private static final Pattern UNOWNED = Pattern.compile(Pattern.quote(PREFIX) + "\\d+");
    private static final Logger log = LoggerFactory.getLogger(ScratchFolders.class);
    private static final AtomicBoolean swept = new AtomicBoolean();

    private ScratchFolders() {}

    /** A new scratch folder in the JVM's temporary directory; the first call of a JVM also starts a sweep. */
    static Path create() throws IOException {
        Path folder = Files.createTempDirectory(PREFIX + ProcessHandle.current().pid() + "-");
        if (swept.compareAndSet(false, true)) {
            Path parent = folder.getParent();
            Thread.ofVirtual().name("bash-scratch-janitor").start(() -> sweep(parent, Instant.now()));
        }
        return folder;
    }

    /** Removes the scratch folders in {@code tmp} whose JVM is no longer running; returns how many went. */
    static int sweep(Path tmp, Instant now) {
        int removed = 0;
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path folder : folders) {
                if (abandoned(folder, now)) {
                    deleteTree(folder);
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Sweeping bash scratch folders in {} stopped: {}", tmp, e.toString());
        }
        return removed;
    }

    private static boolean abandoned(Path folder, Instant now) throws IOException {
        if (!Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return false;
        String name = folder.getFileName().toString();
        Matcher owned = OWNED.matcher(name);
        if (owned.matches()) {
            long pid = Long.parseLong(owned.group(1));
            // A pid taken over by another process keeps the folder: leaving one behind is harmless.
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty();
        }
        return UNOWNED.matcher(name).matches()
                && Files.getLastModifiedTime(folder).toInstant().isBefore(now.minus(UNOWNED_AGE));
    }

    static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}

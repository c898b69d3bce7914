package dev.agentstream.tools.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Folders opened link-free (each from its parent with {@code O_NOFOLLOW}), kept open for the next file
 * opened in them: walking every component from {@code /} for each of a search's files costs ten times the
 * open itself. A kept folder is used again only while the path still leads to that very folder (same
 * device and inode, its last component not a link): a folder swapped for a link, removed or made anew is
 * opened afresh, so the walk's guarantee holds. At most {@value #IDLE_LIMIT} idle folders stay open.
 */
final class FolderHandles {

    private static final int IDLE_LIMIT = 32;

    /** A kept folder; {@code users} counts those working in it now, and it is closed only when none are. */
    static final class Handle {
        final Path path;
        final SecureDirectoryStream<Path> folder;
        final Object fileKey;
        int users;
        boolean dropped;

        private Handle(Path path, SecureDirectoryStream<Path> folder, Object fileKey) {
            this.path = path;
            this.folder = folder;
            this.fileKey = fileKey;
        }
    }

    private final Map<Path, Handle> kept = new LinkedHashMap<>(64, 0.75f, true);

    /** The folder at {@code dir} (absolute, normalized, without links); hand it back with {@link #release}. */
    Handle acquire(Path dir) throws IOException {
        Handle handle;
        synchronized (this) {
            handle = kept.get(dir);
            if (handle != null) handle.users++;
        }
        if (handle != null) {
            if (stillAt(handle)) return handle;
            drop(handle);
            release(handle);
        }
        Handle opened = open(dir);
        synchronized (this) {
            Handle previous = kept.put(dir, opened);
            if (previous != null && previous != opened) dropLocked(previous);
            opened.users = 1;
            closeIdleBeyondLimit();
        }
        return opened;
    }

    synchronized void release(Handle handle) {
        handle.users--;
        if (handle.users == 0 && handle.dropped) close(handle);
    }

    private Handle open(Path dir) throws IOException {
        SecureDirectoryStream<Path> folder;
        if (dir.getParent() == null) {
            folder = secure(Files.newDirectoryStream(dir), dir);
        } else {
            Handle parent = acquire(dir.getParent());
            try {
                folder = secure(parent.folder.newDirectoryStream(dir.getFileName(), LinkOption.NOFOLLOW_LINKS), dir);
            } catch (IOException e) {
                throw LinkFreeFiles.explained(e, dir);
            } finally {
                release(parent);
            }
        }
        try {
            return new Handle(dir, folder, folder.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey());
        } catch (IOException | RuntimeException e) {
            folder.close();
            throw e;
        }
    }

    /** Whether the path still names the folder that is open (a link in its place, or a new folder, does not). */
    private static boolean stillAt(Handle handle) {
        try {
            BasicFileAttributes now = Files.readAttributes(handle.path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return now.isDirectory() && handle.fileKey != null && handle.fileKey.equals(now.fileKey());
        } catch (IOException e) {
            return false;
        }
    }

    private synchronized void drop(Handle handle) {
        if (kept.get(handle.path) == handle) kept.remove(handle.path);
        dropLocked(handle);
    }

    private void dropLocked(Handle handle) {
        handle.dropped = true;
        if (handle.users == 0) close(handle);
    }

    private void closeIdleBeyondLimit() {
        Iterator<Handle> eldestFirst = kept.values().iterator();
        int excess = kept.size() - IDLE_LIMIT;
        while (excess > 0 && eldestFirst.hasNext()) {
            Handle handle = eldestFirst.next();
            if (handle.users > 0) continue;
            eldestFirst.remove();
            handle.dropped = true;
            close(handle);
            excess--;
        }
    }

    private static void close(Handle handle) {
        try {
            handle.folder.close();
        } catch (IOException e) {
            // closing a directory handle frees it even when close reports an error
        }
    }

    static SecureDirectoryStream<Path> secure(DirectoryStream<Path> stream, Path forPath) throws IOException {
        if (stream instanceof SecureDirectoryStream<Path> secure) return secure;
        stream.close();
        throw new IOException("This platform cannot open folders relative to each other, so " + forPath + " cannot be opened safely.");
    }
}

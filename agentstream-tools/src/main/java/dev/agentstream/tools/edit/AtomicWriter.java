package dev.agentstream.tools.edit;

import dev.agentstream.tools.fs.LinkFreeFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Set;

/**
 * Replaces a file's content all at once: the new bytes go to a temp file in the same directory, are forced
 * to disk, get the original's mode (setuid, setgid and sticky bits included) and owner (where allowed), and
 * the temp file is renamed over the original. Every step works inside the target's folder opened without
 * following links, so a folder swapped for a link after the path was checked cannot lead the write outside.
 * A reader sees the old file or the new one, never half of one;
 * a failure on the way leaves the original as it was and removes the temp file.
 *
 * <p>A file with more than one hard link is the exception: a rename would detach it from its other names,
 * so once the new content is safely in the temp file it is copied into the original in place (see
 * {@link #copyInPlace}).
 */
final class AtomicWriter {

    /** Writes the new content into the temp file's channel. Tests use it to fail midway. */
    @FunctionalInterface
    interface Content {
        void writeTo(FileChannel channel) throws IOException;

        static Content of(byte[] bytes) {
            return channel -> {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) channel.write(buffer);
            };
        }
    }

    /** A file modified this recently is taken to have a writer at work. */
    private static final long BUSY_FILE_MILLIS = 2_000;
    /** How long the replaced file of a busy file is watched for late appends, and how often. */
    private static final long SETTLE_MILLIS = 50;
    private static final long SETTLE_POLL_MILLIS = 5;

    private AtomicWriter() {}

    /** Thrown when the target changed after it was read: the rename would throw that change away. */
    static final class ChangedUnderneathException extends IOException {
        ChangedUnderneathException(Path target) {
            super(target + " changed while the edit was being written");
        }
    }


    /** How a write went: {@code hardLinks} names the file has (1 for a new file), and whether it was rewritten in place. */
    record Written(int hardLinks, boolean inPlace) {}

    static Written write(Path target, byte[] bytes) throws IOException {
        return write(target, Content.of(bytes));
    }

    static Written write(Path target, Content content) throws IOException {
        return write(target, content, null);
    }

    /**
     * Like {@link #write(Path, Content)}, but only if {@code target} still matches {@code expected} (what the
     * caller read) just before the rename; null skips the check. An append that lands in the old file after
     * that check, through a descriptor opened before the rename, is carried over to the new file.
     */
    static Written write(Path target, Content content, FileStamp expected) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path name = target.getFileName();
        TempFiles.sweep(dir);
        Path claimed = TempFiles.claim(target);
        Path temp = claimed.getFileName();
        try (SecureDirectoryStream<Path> folder = LinkFreeFiles.openDirectory(dir)) {
            PosixFileAttributes original = attributes(folder, name);
            int links = original == null ? 1 : hardLinks(dir.resolve(name));
            boolean moved = false;
            try {
                // CREATE_NEW without attributes: a new file gets the process umask, like any editor's would
                try (FileChannel channel = LinkFreeFiles.fileChannel(folder.newByteChannel(temp, Set.of(
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)))) {
                    content.writeTo(channel);
                    channel.force(true);
                }
                if (links > 1) {
                    if (expected != null && !FileStamp.of(target).equals(expected)) throw new ChangedUnderneathException(target);
                    copyInPlace(folder, temp, name, target);
                    return new Written(links, true);
                }
                if (original != null) copyOwnershipAndMode(original, dir.resolve(name), folder, temp);
                try (FileChannel old = expected != null && expected.exists()
                        ? LinkFreeFiles.fileChannel(folder.newByteChannel(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) : null) {
                    if (expected != null && !FileStamp.of(target).equals(expected)) throw new ChangedUnderneathException(target);
                    move(folder, temp, name, target);
                    moved = true;
                    if (old != null) carryOverLateAppend(old, expected, target);
                }
                forceDirectory(dir);
                return new Written(links, false);
            } finally {
                if (!moved) deleteIfExists(folder, temp);
                TempFiles.done(claimed);
            }
        }
    }

    /**
     * A writer that opened the file just before the rename writes into the replaced file, and its bytes would
     * be lost: they are appended to the new file. A file written to in the last moments (a log being appended
     * to) is watched for {@link #SETTLE_MILLIS} after the rename, so a writer caught between its open and
     * its write is carried over too; a quiet file costs one size check.
     */
    private static void carryOverLateAppend(FileChannel old, FileStamp read, Path target) throws IOException {
        long carried = read.size();
        boolean busy = System.currentTimeMillis() - read.modifiedNanos() / 1_000_000 < BUSY_FILE_MILLIS;
        long settleUntil = System.nanoTime() + (busy ? SETTLE_MILLIS * 1_000_000 : 0);
        do {
            long size = old.size();
            if (size > carried) {
                try (FileChannel now = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                    while (carried < size) {
                        long sent = old.transferTo(carried, size - carried, now);
                        if (sent <= 0) break;
                        carried += sent;
                    }
                    now.force(true);
                }
            }
            if (System.nanoTime() >= settleUntil) return;
            try {
                Thread.sleep(SETTLE_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        } while (true);
    }
    /** Deletes {@code target} inside its folder opened without following links. */
    static void delete(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        try (SecureDirectoryStream<Path> folder = LinkFreeFiles.openDirectory(absolute.getParent())) {
            folder.deleteFile(absolute.getFileName());
        }
    }

    private static PosixFileAttributes attributes(SecureDirectoryStream<Path> folder, Path name) throws IOException {
        try {
            return folder.getFileAttributeView(name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static void deleteIfExists(SecureDirectoryStream<Path> folder, Path name) throws IOException {
        try {
            folder.deleteFile(name);
        } catch (NoSuchFileException e) {
            // never created
        }
    }

    /**
     * Copies the staged new content into the target itself, so every hard link sees it. A reader at the
     * same moment may see a mix of old and new bytes. The part beyond the old size is written first: a disk
     * that is full fails there, and the old size is restored before any old byte was overwritten.
     */
    private static void copyInPlace(SecureDirectoryStream<Path> folder, Path staged, Path name, Path target) throws IOException {
        try (FileChannel from = LinkFreeFiles.fileChannel(folder.newByteChannel(staged, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)));
             FileChannel to = LinkFreeFiles.fileChannel(folder.newByteChannel(name, Set.of(StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)))) {
            long newSize = from.size();
            long oldSize = to.size();
            if (newSize > oldSize) {
                try {
                    transfer(from, oldSize, newSize - oldSize, to);
                    to.force(false);
                } catch (IOException e) {
                    to.truncate(oldSize);
                    throw e;
                }
            }
            try {
                transfer(from, 0, Math.min(oldSize, newSize), to);
                to.truncate(newSize);
                to.force(true);
            } catch (IOException e) {
                throw new PartlyWrittenException(target, e);
            }
        }
    }

    /** Rewriting a file in place failed after some of its old bytes were overwritten. */
    static final class PartlyWrittenException extends IOException {
        PartlyWrittenException(Path target, IOException cause) {
            super("rewriting " + target + " in place failed midway: " + cause.getMessage(), cause);
        }
    }

    private static void transfer(FileChannel from, long position, long count, FileChannel to) throws IOException {
        for (long done = 0; done < count; ) {
            done += from.transferTo(position + done, count - done, to.position(position + done));
        }
    }

    private static int hardLinks(Path file) throws IOException {
        try {
            return ((Number) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue();
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return 1; // no unix view: links cannot be counted here, and the rename is what keeps the file whole
        }
    }

    /** Owner first: changing a file's owner clears its setuid and setgid bits, so the mode comes last. */
    private static void copyOwnershipAndMode(PosixFileAttributes original, Path target, SecureDirectoryStream<Path> folder, Path temp) throws IOException {
        PosixFileAttributeView view = folder.getFileAttributeView(temp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        try {
            PosixFileAttributes now = view.readAttributes();
            if (!now.owner().equals(original.owner())) view.setOwner(original.owner());
            if (!now.group().equals(original.group())) view.setGroup(original.group());
        } catch (IOException | SecurityException e) {
            // Only root may give a file away; keeping the content safe matters more than the owner.
        }
        try {
            // The folder stream's views know only the nine permission bits; setuid, setgid and sticky need the
            // unix view, reached by path: the temp file's random name is not one a swapped-in folder holds.
            int mode = (Integer) Files.getAttribute(target, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(target.resolveSibling(temp), "unix:mode", mode & 07777, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            view.setPermissions(original.permissions()); // no unix view: the nine permission bits at least
        }
    }

    private static void move(SecureDirectoryStream<Path> folder, Path temp, Path name, Path target) throws IOException {
        try {
            // renameat within one folder: atomic, and it replaces the entry itself, never a link's target
            folder.move(temp, folder, name);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("The file system of " + target + " cannot rename atomically, so the file was left unchanged.", e);
        }
    }

    /** Makes the rename itself durable; not every platform lets a directory be opened, so it is best effort. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // the rename is done; only its durability across a power cut is in question
        }
    }
}

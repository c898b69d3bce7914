package dev.agentstream.tools.edit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Replaces a file's content all at once: the new bytes go to a temp file in the same directory, are forced
 * to disk, get the original's permissions (and owner, where allowed), and the temp file is renamed over the
 * original. A reader sees the old file or the new one, never half of one; a failure on the way leaves the
 * original as it was and removes the temp file.
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

    static void write(Path target, byte[] bytes) throws IOException {
        write(target, Content.of(bytes), null);
    }

    static void write(Path target, Content content) throws IOException {
        write(target, content, null);
    }

    /**
     * Like {@link #write(Path, Content)}, but only if {@code target} still matches {@code expected} (what the
     * caller read) just before the rename; null skips the check. An append that lands in the old file after
     * that check, through a descriptor opened before the rename, is carried over to the new file.
     */
    static void write(Path target, Content content, FileStamp expected) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        TempFiles.sweep(dir);
        PosixFileAttributes original = Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                ? Files.readAttributes(target, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS) : null;
        Path temp = TempFiles.claim(target);
        boolean moved = false;
        try {
            // CREATE_NEW without attributes: a new file gets the process umask, like any editor's would
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(channel);
                channel.force(true);
            }
            if (original != null) copyOwnershipAndMode(original, temp);
            try (FileChannel old = expected != null && expected.exists() ? FileChannel.open(target, StandardOpenOption.READ) : null) {
                if (expected != null && !FileStamp.of(target).equals(expected)) throw new ChangedUnderneathException(target);
                move(temp, target);
                moved = true;
                if (old != null) carryOverLateAppend(old, expected, target);
            }
            forceDirectory(dir);
        } finally {
            if (!moved) Files.deleteIfExists(temp);
            TempFiles.done(temp);
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

    private static void copyOwnershipAndMode(PosixFileAttributes original, Path temp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        view.setPermissions(original.permissions());
        try {
            PosixFileAttributes now = view.readAttributes();
            if (!now.owner().equals(original.owner())) view.setOwner(original.owner());
            if (!now.group().equals(original.group())) view.setGroup(original.group());
        } catch (IOException | SecurityException e) {
            // Only root may give a file away; keeping the content safe matters more than the owner.
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
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

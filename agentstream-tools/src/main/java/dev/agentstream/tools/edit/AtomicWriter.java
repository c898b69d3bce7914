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
import java.util.concurrent.ThreadLocalRandom;

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

    private AtomicWriter() {}

    static void write(Path target, byte[] bytes) throws IOException {
        write(target, Content.of(bytes));
    }

    static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        PosixFileAttributes original = Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                ? Files.readAttributes(target, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS) : null;
        Path temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        boolean moved = false;
        try {
            // CREATE_NEW without attributes: a new file gets the process umask, like any editor's would
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(channel);
                channel.force(true);
            }
            if (original != null) copyOwnershipAndMode(original, temp);
            move(temp, target);
            moved = true;
            forceDirectory(dir);
        } finally {
            if (!moved) Files.deleteIfExists(temp);
        }
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

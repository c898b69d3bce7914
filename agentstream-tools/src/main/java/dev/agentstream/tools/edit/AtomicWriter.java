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
 * to disk, get the original's mode (setuid, setgid and sticky bits included) and owner (where allowed), and
 * the temp file is renamed over the original. A reader sees the old file or the new one, never half of one;
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

    private AtomicWriter() {}

    /** How a write went: {@code hardLinks} names the file has (1 for a new file), and whether it was rewritten in place. */
    record Written(int hardLinks, boolean inPlace) {}

    static Written write(Path target, byte[] bytes) throws IOException {
        return write(target, Content.of(bytes));
    }

    static Written write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        PosixFileAttributes original = Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                ? Files.readAttributes(target, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS) : null;
        int links = original == null ? 1 : hardLinks(target);
        Path temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        boolean moved = false;
        try {
            // CREATE_NEW without attributes: a new file gets the process umask, like any editor's would
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(channel);
                channel.force(true);
            }
            if (links > 1) {
                copyInPlace(temp, target);
                return new Written(links, true);
            }
            if (original != null) copyOwnershipAndMode(original, target, temp);
            move(temp, target);
            moved = true;
            forceDirectory(dir);
            return new Written(links, false);
        } finally {
            if (!moved) Files.deleteIfExists(temp);
        }
    }

    /**
     * Copies the staged new content into {@code target} itself, so every hard link sees it. A reader at the
     * same moment may see a mix of old and new bytes. The part beyond the old size is written first: a disk
     * that is full fails there, and the old size is restored before any old byte was overwritten.
     */
    private static void copyInPlace(Path staged, Path target) throws IOException {
        try (FileChannel from = FileChannel.open(staged, StandardOpenOption.READ);
             FileChannel to = FileChannel.open(target, StandardOpenOption.WRITE)) {
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
    private static void copyOwnershipAndMode(PosixFileAttributes original, Path target, Path temp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        try {
            PosixFileAttributes now = view.readAttributes();
            if (!now.owner().equals(original.owner())) view.setOwner(original.owner());
            if (!now.group().equals(original.group())) view.setGroup(original.group());
        } catch (IOException | SecurityException e) {
            // Only root may give a file away; keeping the content safe matters more than the owner.
        }
        try {
            int mode = (Integer) Files.getAttribute(target, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(temp, "unix:mode", mode & 07777);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            view.setPermissions(original.permissions()); // no unix view: the nine permission bits at least
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

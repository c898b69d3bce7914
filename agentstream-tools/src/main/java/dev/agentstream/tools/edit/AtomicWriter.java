package dev.agentstream.tools.edit;

import dev.agentstream.tools.fs.LinkFreeFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Set;
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
        Path name = target.getFileName();
        Path temp = Path.of("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        // Every step works inside the folder opened without following links, so a folder swapped for a link
        // after the path was checked cannot lead the write outside the workspace.
        try (SecureDirectoryStream<Path> folder = LinkFreeFiles.openDirectory(dir)) {
            PosixFileAttributes original = attributes(folder, name);
            boolean moved = false;
            try {
                // CREATE_NEW without attributes: a new file gets the process umask, like any editor's would
                try (FileChannel channel = LinkFreeFiles.fileChannel(folder.newByteChannel(temp, Set.of(
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)))) {
                    content.writeTo(channel);
                    channel.force(true);
                }
                if (original != null) copyOwnershipAndMode(original, folder.getFileAttributeView(temp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS));
                move(folder, temp, name, target);
                moved = true;
                forceDirectory(dir);
            } finally {
                if (!moved) deleteIfExists(folder, temp);
            }
        }
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

    private static void copyOwnershipAndMode(PosixFileAttributes original, PosixFileAttributeView view) throws IOException {
        view.setPermissions(original.permissions());
        try {
            PosixFileAttributes now = view.readAttributes();
            if (!now.owner().equals(original.owner())) view.setOwner(original.owner());
            if (!now.group().equals(original.group())) view.setGroup(original.group());
        } catch (IOException | SecurityException e) {
            // Only root may give a file away; keeping the content safe matters more than the owner.
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

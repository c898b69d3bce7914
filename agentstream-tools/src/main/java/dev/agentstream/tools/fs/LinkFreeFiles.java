package dev.agentstream.tools.fs;

import dev.agentstream.tools.Workspace;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Opens files and folders by a path that must hold no symbolic link at the moment it is opened.
 *
 * <p>{@link Workspace#resolve} checks a path's real path against the roots, but the open comes a moment
 * later: a folder or file swapped for a link in between would lead outside the root. The tools therefore
 * open the real path they were given one component at a time from {@code /}, each with
 * {@code O_NOFOLLOW} relative to the folder opened before it ({@code openat} through
 * {@link SecureDirectoryStream}). What is opened is then the entry at exactly that path, which was checked;
 * a link that appears anywhere on the way makes the open fail instead of following it. Folders opened on
 * the way are kept for the next files ({@link FolderHandles}), so a search pays one open per file.
 */
public final class LinkFreeFiles {

    private static final FolderHandles FOLDERS = new FolderHandles();
    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    private LinkFreeFiles() {}

    /** A channel reading the regular file at {@code file}, an absolute path without links. */
    public static FileChannel openForReading(Path file) throws IOException {
        Path absolute = absolute(file);
        if (absolute.getParent() == null) return FileChannel.open(absolute, StandardOpenOption.READ);
        FolderHandles.Handle parent = FOLDERS.acquire(absolute.getParent());
        try {
            return fileChannel(openFileIn(parent.folder, absolute, READ));
        } finally {
            FOLDERS.release(parent);
        }
    }

    /** The whole content of the file at {@code file}, an absolute path without links. */
    public static byte[] readAllBytes(Path file) throws IOException {
        try (FileChannel channel = openForReading(file)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 16) throw new IOException(file + " is too large to be read at once.");
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // a file that shrinks while read ends early; one that grows is read up to its size at the start
            }
            byte[] bytes = new byte[buffer.position()];
            buffer.flip().get(bytes);
            return bytes;
        }
    }

    /**
     * The folder at {@code dir}, an absolute path without links, open for listing and for working on its
     * entries by name; its entries are listed as {@code dir} resolved with their names.
     */
    public static SecureDirectoryStream<Path> openDirectory(Path dir) throws IOException {
        Path absolute = absolute(dir);
        if (absolute.getParent() == null) return FolderHandles.secure(Files.newDirectoryStream(absolute), absolute);
        FolderHandles.Handle parent = FOLDERS.acquire(absolute.getParent());
        try {
            return FolderHandles.secure(parent.folder.newDirectoryStream(absolute.getFileName(), LinkOption.NOFOLLOW_LINKS), absolute);
        } catch (IOException e) {
            throw explained(e, absolute);
        } finally {
            FOLDERS.release(parent);
        }
    }

    /** Gives a channel of a {@link SecureDirectoryStream} its concrete type (a file channel on Linux). */
    public static FileChannel fileChannel(SeekableByteChannel channel) throws IOException {
        if (channel instanceof FileChannel file) return file;
        channel.close();
        throw new IOException("This platform opens files relative to a folder without file channels, so the file cannot be opened safely.");
    }

    private static SeekableByteChannel openFileIn(SecureDirectoryStream<Path> dir, Path path, Set<OpenOption> options) throws IOException {
        try {
            return dir.newByteChannel(path.getFileName(), options);
        } catch (IOException e) {
            throw explained(e, path);
        }
    }

    /** ELOOP says little to a reader: name the link that was refused. */
    static IOException explained(IOException e, Path path) {
        boolean loop = e.getMessage() != null && e.getMessage().contains("symbolic links");
        if (!loop && !Files.isSymbolicLink(path)) return e;
        FileSystemException refused = new FileSystemException(path.toString(), null,
                "it is a symbolic link now (it was not when the path was checked), and links are not followed once a path is checked");
        refused.initCause(e);
        return refused;
    }

    private static Path absolute(Path path) {
        if (!path.isAbsolute()) throw new IllegalArgumentException("An absolute path is needed: " + path);
        return path.normalize();
    }
}

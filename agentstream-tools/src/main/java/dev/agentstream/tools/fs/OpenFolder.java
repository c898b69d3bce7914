package dev.agentstream.tools.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A folder a walk has listed, kept open so that its entries are stat'ed and opened relative to it
 * ({@code fstatat} and {@code openat} with {@code O_NOFOLLOW} on the folder's descriptor). The folder was
 * opened link-free ({@link LinkFreeFiles#openDirectory}), so its entries are reached exactly as safely as
 * through a checked path, without the kernel resolving every component of the path again for each file,
 * and without re-checking a cached folder handle per file.
 *
 * <p>Shared by the tasks that search its files: each holder calls {@link #retain()} before handing it on
 * and {@link #close()} when done; the folder is closed when the last holder lets go.
 */
public final class OpenFolder implements AutoCloseable {

    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    private final SecureDirectoryStream<Path> folder;
    private final FolderListing listing;
    private final AtomicInteger holders = new AtomicInteger(1);

    private OpenFolder(SecureDirectoryStream<Path> folder, FolderListing listing) {
        this.folder = folder;
        this.listing = listing;
    }

    /** Opens and lists {@code dir}, an absolute path without links; the caller holds it once. */
    public static OpenFolder open(Path dir) throws IOException {
        return listed(LinkFreeFiles.openDirectory(dir), dir);
    }

    /**
     * Opens and lists the subfolder {@code entry} of this folder relative to it, with {@code O_NOFOLLOW}: as
     * safe as {@link #open} and without finding its way from {@code /} again (a walk opens every folder it
     * enters so); the caller holds it once.
     */
    public OpenFolder openSubfolder(Path entry) throws IOException {
        SecureDirectoryStream<Path> subfolder;
        try {
            subfolder = folder.newDirectoryStream(entry.getFileName(), LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw LinkFreeFiles.explained(e, entry);
        }
        return listed(FolderHandles.secure(subfolder, entry), entry);
    }

    private static OpenFolder listed(SecureDirectoryStream<Path> folder, Path dir) throws IOException {
        try {
            List<Path> entries = new ArrayList<>();
            boolean gitignore = false;
            boolean ignore = false;
            boolean git = false;
            for (Path entry : folder) {
                String name = entry.getFileName().toString();
                gitignore |= name.equals(IgnoreRules.GITIGNORE);
                ignore |= name.equals(IgnoreRules.IGNORE);
                git |= name.equals(IgnoreRules.GIT);
                entries.add(entry);
            }
            return new OpenFolder(folder, new FolderListing(dir, entries, gitignore, ignore, git));
        } catch (DirectoryIteratorException e) {
            folder.close();
            throw e.getCause();
        } catch (RuntimeException e) {
            folder.close();
            throw e;
        }
    }

    public FolderListing listing() {
        return listing;
    }

    /** The attributes of the entry itself (a link is not followed). */
    public BasicFileAttributes attributes(Path entry) throws IOException {
        return folder.getFileAttributeView(entry.getFileName(), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .readAttributes();
    }

    /** The regular file {@code entry} of this folder, opened for reading; a link in its place is refused. */
    public FileChannel openForReading(Path entry) throws IOException {
        try {
            return LinkFreeFiles.fileChannel(folder.newByteChannel(entry.getFileName(), READ));
        } catch (IOException e) {
            throw LinkFreeFiles.explained(e, entry);
        }
    }

    /** One more holder; returns this. */
    public OpenFolder retain() {
        holders.incrementAndGet();
        return this;
    }

    /** Lets go of one hold; the folder is closed when no holder is left. */
    @Override
    public void close() {
        if (holders.decrementAndGet() != 0) return;
        try {
            folder.close();
        } catch (IOException e) {
            // closing a directory handle frees it even when close reports an error
        }
    }
}

package dev.agentstream.tools.fs;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
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
 * <p>On 64-bit Linux the folder is held by its own descriptor ({@link NativeFolder}): the listing then gives
 * each entry's type, so entries are not stat'ed one by one. Elsewhere, and for a folder holding a name that
 * is not UTF-8, the JDK's {@link SecureDirectoryStream} holds it, with the same guarantees.
 *
 * <p>Shared by the tasks that search its files: each holder calls {@link #retain()} before handing it on
 * and {@link #close()} when done; the folder is closed when the last holder lets go.
 */
public final class OpenFolder implements AutoCloseable {

    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    /** The JDK's handle, or null when {@link #descriptor} holds the folder. */
    private final SecureDirectoryStream<Path> folder;
    private final int descriptor;
    private final FolderListing listing;
    /** Whether a short read of a regular file in this folder is its end ({@link ShortReadEnds}; descriptor only). */
    private final boolean shortReadEnds;
    private final AtomicInteger holders = new AtomicInteger(1);

    private OpenFolder(SecureDirectoryStream<Path> folder, int descriptor, FolderListing listing, boolean shortReadEnds) {
        this.folder = folder;
        this.descriptor = descriptor;
        this.listing = listing;
        this.shortReadEnds = shortReadEnds;
    }

    /** Opens and lists {@code dir}, an absolute path without links; the caller holds it once. */
    public static OpenFolder open(Path dir) throws IOException {
        if (LinuxCalls.AVAILABLE) {
            int descriptor = NativeFolder.openPath(dir.normalize());
            if (descriptor >= 0) return listed(descriptor, dir);
        }
        return listed(LinkFreeFiles.openDirectory(dir), dir);
    }

    /**
     * Opens and lists the subfolder {@code entry} of this folder relative to it, with {@code O_NOFOLLOW}: as
     * safe as {@link #open} and without finding its way from {@code /} again (a walk opens every folder it
     * enters so); the caller holds it once.
     */
    public OpenFolder openSubfolder(Path entry) throws IOException {
        return openSubfolder(entry, entry.getFileName().toString());
    }

    /** {@link #openSubfolder(Path)} given the entry's name as listed, so it is not cut out of the path again. */
    public OpenFolder openSubfolder(Path entry, String name) throws IOException {
        if (folder == null) return listed(NativeFolder.openSubfolder(descriptor, entry, name), entry);
        SecureDirectoryStream<Path> subfolder;
        try {
            subfolder = folder.newDirectoryStream(entry.getFileName(), LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw LinkFreeFiles.explained(e, entry);
        }
        return listed(FolderHandles.secure(subfolder, entry), entry);
    }

    /** Lists the folder open as {@code descriptor}; the JDK lists it instead when a name in it is not UTF-8. */
    private static OpenFolder listed(int descriptor, Path dir) throws IOException {
        FolderListing listing;
        try {
            listing = NativeFolder.list(descriptor, dir);
        } catch (IOException | RuntimeException e) {
            LinuxCalls.close(descriptor);
            throw e;
        }
        if (listing != null) return new OpenFolder(null, descriptor, listing, ShortReadEnds.onFileSystemOf(descriptor));
        LinuxCalls.close(descriptor);
        return listed(LinkFreeFiles.openDirectory(dir), dir);
    }

    private static OpenFolder listed(SecureDirectoryStream<Path> folder, Path dir) throws IOException {
        try {
            List<Path> entries = new ArrayList<>();
            List<String> names = new ArrayList<>();
            boolean gitignore = false;
            boolean ignore = false;
            boolean git = false;
            for (Path entry : folder) {
                String name = entry.getFileName().toString();
                gitignore |= name.equals(IgnoreRules.GITIGNORE);
                ignore |= name.equals(IgnoreRules.IGNORE);
                git |= name.equals(IgnoreRules.GIT);
                entries.add(entry);
                names.add(name);
            }
            return new OpenFolder(folder, -1, new FolderListing(dir, entries, names, null, gitignore, ignore, git), false);
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

    /** What entry {@code index} of the listing is: as listed, or stat'ed when the listing did not say (a link is not followed). */
    public EntryType type(int index) throws IOException {
        EntryType listed = listing.listedType(index);
        if (listed != null) return listed;
        Path entry = listing.entries().get(index);
        if (folder == null) return NativeFolder.stat(descriptor, entry);
        BasicFileAttributes attributes = folder.getFileAttributeView(entry.getFileName(), BasicFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS).readAttributes();
        return new EntryType(attributes.isDirectory(), attributes.isRegularFile(), attributes.size());
    }

    /** The regular file {@code entry} of this folder, opened for reading; a link in its place is refused. */
    public SeekableByteChannel openForReading(Path entry) throws IOException {
        return openForReading(entry, entry.getFileName().toString());
    }

    /** {@link #openForReading(Path)} given the entry's name as listed, so it is not cut out of the path again. */
    public SeekableByteChannel openForReading(Path entry, String name) throws IOException {
        if (folder == null) return NativeFolder.openFile(descriptor, entry, name, shortReadEnds);
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
        if (folder == null) {
            LinuxCalls.close(descriptor); // the descriptor is freed even when close reports an error
            return;
        }
        try {
            folder.close();
        } catch (IOException e) {
            // closing a directory handle frees it even when close reports an error
        }
    }
}

package dev.agentstream.tools.find;

import dev.agentstream.tools.fs.EntryFilter;
import dev.agentstream.tools.fs.EntryType;
import dev.agentstream.tools.fs.FolderListing;
import dev.agentstream.tools.fs.IgnoreRules;
import dev.agentstream.tools.fs.LinkFreeFiles;
import dev.agentstream.tools.fs.OpenFolder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Walks a folder tree on a fork/join pool and searches its files as it goes. Every folder is a task and
 * its files are searched in batches, so idle threads steal folders or batches and all cores stay busy.
 * Ignored and hidden entries are never entered or opened; symbolic links are not followed. Every task
 * checks {@code stopped} first, so cancelling or reaching {@code max_results} ends the walk at once.
 */
final class ParallelSearch {

    private static final int FILES_PER_TASK = 32;
    /**
     * Kernel file systems a walk from above never enters: their "files" are not text to search, and some
     * block a reader forever (/proc/kmsg). Given as the path itself, they are searched as asked.
     */
    private static final Set<String> KERNEL_FILE_SYSTEMS = Set.of("/proc", "/sys", "/dev");

    private final EntryFilter filter;
    private final PathGlobs globs;
    private final SearchCounters counters;
    private final BooleanSupplier stopped;
    private final Consumer<String> sink;
    private final ThreadLocal<FileSearcher> searchers;
    private final int rootPrefix;

    ParallelSearch(Path root, EntryFilter filter, PathGlobs globs, SearchCounters counters, BooleanSupplier stopped,
                   Consumer<String> sink, Supplier<FileSearcher> newSearcher) {
        this.filter = filter;
        this.globs = globs;
        this.counters = counters;
        this.stopped = stopped;
        this.sink = sink;
        this.searchers = ThreadLocal.withInitial(newSearcher);
        String rootText = root.toString();
        this.rootPrefix = rootText.endsWith("/") ? rootText.length() : rootText.length() + 1;
    }

    /** The task that searches the tree under {@code root}; run it on a pool. */
    ForkJoinTask<Void> task(Path root) {
        IgnoreRules above = filter.usesIgnoreRules() ? IgnoreRules.above(root) : IgnoreRules.none();
        return new FolderTask(root, null, above, null);
    }

    /** Searches one file on the calling thread (a {@code path} that names a file). */
    void searchFile(Path file) {
        try (FileChannel channel = LinkFreeFiles.openForReading(file)) {
            searchOpened(file, channel, -1);
        } catch (IOException e) {
            counters.unreadable.increment();
        }
    }

    private void searchFile(FileToSearch file) {
        try (SeekableByteChannel channel = file.folder().openForReading(file.path(), file.name())) {
            searchOpened(file.path(), channel, file.size());
        } catch (IOException e) {
            counters.unreadable.increment();
        }
    }

    private void searchOpened(Path file, SeekableByteChannel channel, long expectedSize) throws IOException {
        FileSearcher.Outcome outcome = searchers.get().search(file, channel, expectedSize, sink);
        if (outcome.binary()) {
            counters.binarySkipped.increment();
            return;
        }
        counters.filesScanned.increment();
        counters.bytesScanned.add(outcome.bytes());
        counters.regexPieces.add(outcome.regexPieces());
        if (outcome.matches() > 0) counters.filesWithMatches.increment();
    }

    private final class FolderTask extends RecursiveAction {
        private final Path folder;
        /** The folder's name as its parent listed it; null for the root. */
        private final String name;
        private final IgnoreRules parentRules;
        /** The open parent folder, held for this task until the folder is opened from it; null for the root. */
        private final OpenFolder parent;

        FolderTask(Path folder, String name, IgnoreRules parentRules, OpenFolder parent) {
            this.folder = folder;
            this.name = name;
            this.parentRules = parentRules;
            this.parent = parent;
        }

        @Override
        protected void compute() {
            List<ForkJoinTask<?>> forked = List.of();
            // Held until this folder's own files are searched; each batch handed on holds it too.
            try (OpenFolder open = openFolder()) {
                if (open != null) forked = walk(open);
            } catch (IOException e) {
                counters.unreadable.increment();
            }
            for (ForkJoinTask<?> task : forked) task.join();
        }

        /** The folder, open and listed; null once the search is stopped. The parent is let go of either way. */
        private OpenFolder openFolder() throws IOException {
            try {
                if (stopped.getAsBoolean()) return null;
                return parent == null ? OpenFolder.open(folder) : parent.openSubfolder(folder, name);
            } finally {
                if (parent != null) parent.close();
            }
        }

        /** Forks the subfolders and batches of files of the folder, searches the last batch; returns the forked tasks. */
        private List<ForkJoinTask<?>> walk(OpenFolder open) {
            FolderListing listing = open.listing();
            IgnoreRules rules = listing.rulesInside(parentRules, filter);
            List<ForkJoinTask<?>> forked = new ArrayList<>();
            List<FileToSearch> batch = new ArrayList<>();
            // The loop stays small and the work per entry lives in visit, a method called once per entry: the JIT
            // compiles it early and once, where a loop body this size would be compiled on the stack and again whole.
            List<Path> entries = listing.entries();
            List<String> names = listing.names();
            for (int index = 0; index < entries.size(); index++) {
                if (stopped.getAsBoolean()) break;
                FileToSearch file = visit(open, rules, index, entries.get(index), names.get(index), forked);
                if (file == null) continue;
                batch.add(file);
                if (batch.size() == FILES_PER_TASK) {
                    open.retain();
                    forked.add(new FileBatchTask(batch).fork());
                    batch = new ArrayList<>();
                }
            }
            searchAll(batch);
            return forked;
        }

        /** Forks a subfolder to walk; returns a file to search, or null for an entry that is neither or is left out. */
        private FileToSearch visit(OpenFolder open, IgnoreRules rules, int index, Path entry, String name,
                                   List<ForkJoinTask<?>> forked) {
            if (filter.byName(name) != null) return null;
            EntryType type;
            try {
                type = open.type(index);
            } catch (IOException e) {
                counters.unreadable.increment();
                return null;
            }
            boolean directory = type.directory();
            if (!directory && !type.regularFile()) return null;
            String path = entry.toString();
            if (filter.judge(rules, path, name, directory) != EntryFilter.Verdict.KEEP) return null;
            String relative = path.substring(rootPrefix);
            if (directory) {
                if (!globs.excludesDirectory(relative) && !KERNEL_FILE_SYSTEMS.contains(path)) {
                    forked.add(new FolderTask(entry, name, rules, open.retain()).fork());
                }
                return null;
            }
            return globs.includesFile(relative) ? new FileToSearch(open, entry, name, type.size()) : null;
        }
    }

    /**
     * A file the walk admitted, in the folder it was listed in, with its name as listed and the size it saw (-1
     * when the listing gave the type alone).
     */
    private record FileToSearch(OpenFolder folder, Path path, String name, long size) {}

    private final class FileBatchTask extends RecursiveAction {
        private final List<FileToSearch> files;

        FileBatchTask(List<FileToSearch> files) {
            this.files = files;
        }

        @Override
        protected void compute() {
            try (OpenFolder folder = files.getFirst().folder()) {
                searchAll(files);
            }
        }
    }

    private void searchAll(List<FileToSearch> files) {
        for (FileToSearch file : files) {
            if (stopped.getAsBoolean()) return;
            searchFile(file);
        }
    }
}

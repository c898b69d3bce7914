package dev.agentstream.tools.tree;

import dev.agentstream.tools.fs.EntryFilter;
import dev.agentstream.tools.fs.IgnoreRules;
import dev.agentstream.tools.fs.LinkFreeFiles;
import dev.agentstream.tools.fs.PathText;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * Reads folders for the tree walk: which entries the filter keeps (the rest are counted as hidden or
 * ignored), and which of them are folders, asking the disk about an entry's type only while the folder
 * may still hold subfolders not met yet (see {@link SubfolderCount}).
 */
final class FolderLister {

    private final EntryFilter filter;
    private final SubfolderCount subfolders;
    private final TreeCounts counts;

    FolderLister(EntryFilter filter, SubfolderCount subfolders, TreeCounts counts) {
        this.filter = filter;
        this.subfolders = subfolders;
        this.counts = counts;
    }

    /** What the listing hands on: an entry the filter kept, and whether it is a folder. */
    interface EntrySink {
        void accept(Path path, boolean directory);
    }

    /**
     * The first {@code keep} entries of the folder in {@link FolderEntry#ORDER}, sorted, held in a bounded
     * heap as the listing streams by: any other entry (one that cannot be drawn, whatever its subtree
     * holds) goes to {@code rest} at once. Memory is bounded by {@code keep}, not by the folder's size.
     */
    List<FolderEntry> firstInOrder(Path folder, IgnoreRules rules, int keep, BooleanSupplier stopped, EntrySink rest) {
        PriorityQueue<FolderEntry> first = new PriorityQueue<>(Math.min(keep, 1024) + 1, FolderEntry.ORDER.reversed());
        stream(folder, rules, stopped, (path, directory) -> {
            first.add(new FolderEntry(path, PathText.displayName(path), directory));
            if (first.size() > keep) {
                FolderEntry beyond = first.poll();
                rest.accept(beyond.path(), beyond.directory());
            }
        });
        List<FolderEntry> sorted = new ArrayList<>(first);
        sorted.sort(FolderEntry.ORDER);
        return sorted;
    }

    /** Hands each kept entry to {@code each} as the listing is read, holding none of it. */
    void stream(Path folder, IgnoreRules rules, BooleanSupplier stopped, EntrySink each) {
        int[] unmetSubfolders = {subfolders.of(folder)};
        try (DirectoryStream<Path> listing = LinkFreeFiles.openDirectory(folder)) {
            for (Path path : listing) {
                if (stopped.getAsBoolean()) return;
                admit(path, rules, unmetSubfolders, each);
            }
        } catch (IOException | DirectoryIteratorException e) {
            counts.unreadable++;
        }
    }

    /**
     * Hands the entry on if the filter keeps it, else counts it as left out. Nothing is made per entry
     * beyond what the listing made: the name is looked at inside the path's text, and turned into a
     * string of its own only when ignore rules need it.
     */
    private void admit(Path path, IgnoreRules rules, int[] unmetSubfolders, EntrySink each) {
        String text = path.toString();
        int nameStart = text.lastIndexOf('/') + 1;
        EntryFilter.Verdict byName = filter.byName(text, nameStart);
        if (byName != null) {
            // Its type stays unknown, so unmetSubfolders is not lowered: the count stays on the safe side.
            leftOut(byName);
            return;
        }
        boolean directory = false;
        if (unmetSubfolders[0] != 0) {
            try {
                directory = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isDirectory();
            } catch (IOException e) {
                counts.unreadable++;
                return;
            }
            if (directory && unmetSubfolders[0] > 0) unmetSubfolders[0]--;
        }
        if (filter.isIgnored(rules, text, directory)) {
            leftOut(EntryFilter.Verdict.IGNORED);
            return;
        }
        each.accept(path, directory);
    }

    private void leftOut(EntryFilter.Verdict verdict) {
        if (verdict == EntryFilter.Verdict.HIDDEN) counts.hidden++;
        else counts.ignored++;
    }
}

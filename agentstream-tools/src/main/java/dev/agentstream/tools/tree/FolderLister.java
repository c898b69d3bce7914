package dev.agentstream.tools.tree;

import dev.agentstream.tools.fs.EntryFilter;
import dev.agentstream.tools.fs.FolderListing;
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
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

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

    /** Reads the whole listing into {@code entries}; returns the ignore rules in force inside the folder. */
    IgnoreRules listInto(Path folder, IgnoreRules parentRules, List<FolderEntry> entries) {
        FolderListing listing;
        try {
            listing = FolderListing.read(folder);
        } catch (IOException e) {
            counts.unreadable++;
            return parentRules;
        }
        IgnoreRules rules = listing.rulesInside(parentRules, filter);
        int[] unmetSubfolders = {subfolders.of(folder)};
        for (Path path : listing.entries()) {
            FolderEntry entry = admit(path, rules, unmetSubfolders);
            if (entry != null) entries.add(entry);
        }
        return rules;
    }

    /** Hands each kept entry to {@code each} as the listing is read, holding none of it. */
    void stream(Path folder, IgnoreRules rules, BooleanSupplier stopped, Consumer<FolderEntry> each) {
        int[] unmetSubfolders = {subfolders.of(folder)};
        try (DirectoryStream<Path> listing = LinkFreeFiles.openDirectory(folder)) {
            for (Path path : listing) {
                if (stopped.getAsBoolean()) return;
                FolderEntry entry = admit(path, rules, unmetSubfolders);
                if (entry != null) each.accept(entry);
            }
        } catch (IOException | DirectoryIteratorException e) {
            counts.unreadable++;
        }
    }

    /** The entry if the filter keeps it; null (and counted as left out) otherwise. */
    private FolderEntry admit(Path path, IgnoreRules rules, int[] unmetSubfolders) {
        String name = PathText.displayName(path);
        EntryFilter.Verdict byName = filter.byName(name);
        if (byName != null) {
            // Its type stays unknown, so unmetSubfolders is not lowered: the count stays on the safe side.
            leftOut(byName);
            return null;
        }
        boolean directory = false;
        if (unmetSubfolders[0] != 0) {
            try {
                directory = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isDirectory();
            } catch (IOException e) {
                counts.unreadable++;
                return null;
            }
            if (directory && unmetSubfolders[0] > 0) unmetSubfolders[0]--;
        }
        EntryFilter.Verdict verdict = filter.judge(rules, path, name, directory);
        if (verdict != EntryFilter.Verdict.KEEP) {
            leftOut(verdict);
            return null;
        }
        return new FolderEntry(path, name, directory);
    }

    private void leftOut(EntryFilter.Verdict verdict) {
        if (verdict == EntryFilter.Verdict.HIDDEN) counts.hidden++;
        else counts.ignored++;
    }
}

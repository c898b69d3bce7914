package dev.agentstream.tools.tree;

import dev.agentstream.tools.fs.EntryFilter;
import dev.agentstream.tools.fs.HumanSize;
import dev.agentstream.tools.fs.IgnoreRules;
import dev.agentstream.tools.fs.PathText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Draws a folder tree depth first, like {@code tree}: each folder's entries sorted (folders first), lines
 * drawn with {@code ├── └── │}. Memory stays flat however big the tree: only the listings of the folders
 * on the current path are held, and once {@code max_entries} lines are out the rest of the tree is only
 * counted, streaming each listing without holding or sorting it.
 */
final class TreeWalker {

    private static final String BRANCH = "├── ";
    private static final String LAST_BRANCH = "└── ";
    private static final String PIPE = "│   ";
    private static final String SPACE = "    ";

    private final EntryFilter filter;
    private final FolderLister lister;
    private final int maxDepth;
    private final int maxEntries;
    private final boolean sizes;
    private final TreeCounts counts;
    private final LineBatcher out;
    private final BooleanSupplier stopped;
    private final Runnable progress;

    TreeWalker(Path root, EntryFilter filter, TreeInput limits, TreeCounts counts, LineBatcher out, BooleanSupplier stopped,
               Runnable progress) {
        this.filter = filter;
        this.lister = new FolderLister(filter, SubfolderCount.forTreeAt(root), counts);
        this.maxDepth = limits.maxDepth();
        this.maxEntries = limits.maxEntries();
        this.sizes = limits.sizes();
        this.counts = counts;
        this.out = out;
        this.stopped = stopped;
        this.progress = progress;
    }

    void walk(Path root) {
        out.add(PathText.display(root));
        IgnoreRules above = filter.usesIgnoreRules() ? IgnoreRules.above(root) : IgnoreRules.none();
        drawFolder(root, above, 1, "");
        out.flush();
    }

    private void drawFolder(Path folder, IgnoreRules parentRules, int depth, String prefix) {
        if (counts.shown >= maxEntries) {
            countFolder(folder, parentRules, depth);
            return;
        }
        out.flushIfStale();
        IgnoreRules rules = filter.usesIgnoreRules() ? parentRules.enter(folder) : parentRules;
        // No more of this folder's entries than are left to draw can be drawn: those are kept and sorted,
        // every other entry is counted (with its subtree) as the listing streams by.
        List<FolderEntry> entries = lister.firstInOrder(folder, rules, (int) (maxEntries - counts.shown), stopped,
                (path, directory) -> countEntry(path, directory, rules, depth));
        for (int i = 0; i < entries.size() && !stopped.getAsBoolean(); i++) {
            FolderEntry entry = entries.get(i);
            boolean last = i == entries.size() - 1;
            visit(entry.directory());
            if (counts.shown < maxEntries) {
                out.add(prefix + (last ? LAST_BRANCH : BRANCH) + label(entry));
                counts.shown++;
                if (counts.shown == maxEntries) out.flush();
            } else {
                counts.notShown++;
            }
            if (entry.directory()) {
                if (depth < maxDepth) drawFolder(entry.path(), rules, depth + 1, prefix + (last ? SPACE : PIPE));
                else counts.depthLimited++;
            }
        }
    }

    /** Counts a folder's subtree without drawing it: the listing is streamed, never held or sorted. */
    private void countFolder(Path folder, IgnoreRules parentRules, int depth) {
        IgnoreRules rules = filter.usesIgnoreRules() ? parentRules.enter(folder) : parentRules;
        lister.stream(folder, rules, stopped, (path, directory) -> countEntry(path, directory, rules, depth));
    }

    /** Counts an entry that is not drawn, and the subtree of a folder. */
    private void countEntry(Path path, boolean directory, IgnoreRules rules, int depth) {
        visit(directory);
        counts.notShown++;
        if (directory) {
            if (depth < maxDepth) countFolder(path, rules, depth + 1);
            else counts.depthLimited++;
        }
    }

    private void visit(boolean directory) {
        if (directory) counts.directories++;
        else counts.files++;
        progress.run();
    }

    /** The entry's name as drawn: folders end in '/', links show their target, files their size if asked. */
    private String label(FolderEntry entry) {
        if (entry.directory()) return entry.name() + "/";
        StringBuilder label = new StringBuilder(entry.name());
        try {
            BasicFileAttributes attributes = Files.readAttributes(entry.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                label.append(" -> ").append(Files.readSymbolicLink(entry.path()));
            } else if (sizes) {
                label.append(" (").append(HumanSize.of(attributes.size())).append(')');
            }
        } catch (IOException e) {
            // Gone or unreadable since it was listed: the name alone is still right.
        }
        return label.toString();
    }
}

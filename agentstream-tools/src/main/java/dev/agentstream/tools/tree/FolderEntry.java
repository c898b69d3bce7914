package dev.agentstream.tools.tree;

import java.nio.file.Path;
import java.util.Comparator;

/** One entry of a folder as the walk sees it: enough to filter it, sort it, count it and descend into it. */
record FolderEntry(Path path, String name, boolean directory) {

    /** Folders first, then files; each by name, case aside first so README sits among its neighbours. */
    static final Comparator<FolderEntry> ORDER = Comparator.comparing((FolderEntry e) -> !e.directory())
            .thenComparing(FolderEntry::name, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(FolderEntry::name);
}

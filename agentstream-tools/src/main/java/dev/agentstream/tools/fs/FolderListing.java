package dev.agentstream.tools.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A folder's entries, read once, noting on the way whether it holds ignore rule files, so the walk
 * learns the rules in force inside it without probing the disk for each rule file.
 */
public record FolderListing(Path folder, List<Path> entries, boolean hasGitignore, boolean hasIgnore, boolean hasGit) {

    /** @throws IOException if the folder cannot be listed */
    public static FolderListing read(Path folder) throws IOException {
        try (OpenFolder open = OpenFolder.open(folder)) {
            return open.listing();
        }
    }

    /** The ignore rules in force inside this folder, given those of its parent (unchanged if the filter ignores none). */
    public IgnoreRules rulesInside(IgnoreRules parentRules, EntryFilter filter) {
        return filter.usesIgnoreRules() ? parentRules.enter(folder, hasGitignore, hasIgnore, hasGit) : parentRules;
    }
}

package dev.agentstream.tools.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A folder's entries, read once, noting on the way whether it holds ignore rule files, so the walk
 * learns the rules in force inside it without probing the disk for each rule file. {@code names} are the entries'
 * last names, read with them so a walk does not cut them out of the paths again; {@code types} holds each
 * entry's type where the listing gave it (null where it did not, or null as a whole for a JDK listing).
 */
public record FolderListing(Path folder, List<Path> entries, List<String> names, EntryType[] types, boolean hasGitignore, boolean hasIgnore,
                            boolean hasGit) {

    /** @throws IOException if the folder cannot be listed */
    public static FolderListing read(Path folder) throws IOException {
        try (OpenFolder open = OpenFolder.open(folder)) {
            return open.listing();
        }
    }

    /** The type of entry {@code index} as the listing gave it, or null when it must be asked for. */
    EntryType listedType(int index) {
        return types == null ? null : types[index];
    }

    /** The ignore rules in force inside this folder, given those of its parent (unchanged if the filter ignores none). */
    public IgnoreRules rulesInside(IgnoreRules parentRules, EntryFilter filter) {
        return filter.usesIgnoreRules() ? parentRules.enter(folder, hasGitignore, hasIgnore, hasGit) : parentRules;
    }
}

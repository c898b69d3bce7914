package dev.agentstream.tools.fs;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A folder's entries, read once, noting on the way whether it holds ignore rule files, so the walk
 * learns the rules in force inside it without probing the disk for each rule file.
 */
public record FolderListing(Path folder, List<Path> entries, boolean hasGitignore, boolean hasIgnore, boolean hasGit) {

    /** @throws IOException if the folder cannot be listed */
    public static FolderListing read(Path folder) throws IOException {
        List<Path> entries = new ArrayList<>();
        boolean gitignore = false;
        boolean ignore = false;
        boolean git = false;
        try (DirectoryStream<Path> listing = LinkFreeFiles.openDirectory(folder)) {
            for (Path entry : listing) {
                String name = entry.getFileName().toString();
                gitignore |= name.equals(IgnoreRules.GITIGNORE);
                ignore |= name.equals(IgnoreRules.IGNORE);
                git |= name.equals(IgnoreRules.GIT);
                entries.add(entry);
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return new FolderListing(folder, entries, gitignore, ignore, git);
    }

    /** The ignore rules in force inside this folder, given those of its parent (unchanged if the filter ignores none). */
    public IgnoreRules rulesInside(IgnoreRules parentRules, EntryFilter filter) {
        return filter.usesIgnoreRules() ? parentRules.enter(folder, hasGitignore, hasIgnore, hasGit) : parentRules;
    }
}

package dev.agentstream.tools.tree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;

/**
 * How many subfolders a folder has, from its link count: on the classic Unix file systems a folder's
 * {@code st_nlink} is 2 plus its number of subfolders. Once a walk has met that many, every remaining
 * entry is known not to be a folder without a stat call each, which is most of the cost of walking a
 * big tree (the same "leaf optimization" GNU find uses). Trusted only on file systems known to keep the
 * count (btrfs, overlay and network file systems do not), otherwise the answer is "unknown".
 */
final class SubfolderCount {

    static final int UNKNOWN = -1;

    private static final Set<String> COUNTING_FILE_SYSTEMS = Set.of("ext2", "ext3", "ext4", "xfs", "tmpfs");

    private final boolean trusted;

    private SubfolderCount(boolean trusted) {
        this.trusted = trusted;
    }

    /** For a walk under {@code root}: trusts link counts if root's file system keeps them. */
    static SubfolderCount forTreeAt(Path root) {
        try {
            return new SubfolderCount(COUNTING_FILE_SYSTEMS.contains(Files.getFileStore(root).type()));
        } catch (IOException | RuntimeException e) {
            return new SubfolderCount(false);
        }
    }

    /** The number of subfolders of {@code folder}, or {@link #UNKNOWN}. */
    int of(Path folder) {
        if (!trusted) return UNKNOWN;
        try {
            Object links = Files.getAttribute(folder, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            int count = links instanceof Number n ? n.intValue() : 0;
            return count >= 2 ? count - 2 : UNKNOWN;
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }
}

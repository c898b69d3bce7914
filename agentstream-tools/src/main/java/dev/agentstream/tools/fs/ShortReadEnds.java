package dev.agentstream.tools.fs;

import com.sun.jna.Memory;
import java.util.Set;

/**
 * Whether a short read of a regular file in a folder is its end, judged by the file system the folder is on.
 * On disk file systems and tmpfs a read of a regular file returns fewer bytes than asked only where the file
 * ends, so the reader may skip the further read that would return nothing: one system call less per small
 * file. Elsewhere (FUSE, 9p, NFS, proc, sysfs, overlays of any of them) a read may return less in the middle
 * of a file, so it is read until a read returns nothing.
 */
final class ShortReadEnds {

    /** The {@code f_type} magic numbers of linux/magic.h for ext2/3/4, xfs, btrfs, tmpfs and f2fs. */
    private static final Set<Long> LOCAL_FILE_SYSTEMS = Set.of(0xEF53L, 0x58465342L, 0x9123683EL, 0x01021994L, 0xF2F52010L);
    private static final ThreadLocal<Memory> STATFS = ThreadLocal.withInitial(() -> new Memory(LinuxCalls.STATFS_BYTES));

    private ShortReadEnds() {}

    /** For the open folder {@code fd}; false when its file system cannot be told. */
    static boolean onFileSystemOf(int fd) {
        Memory buffer = STATFS.get();
        if (LinuxCalls.fstatfs(fd, buffer) != 0) return false;
        return LOCAL_FILE_SYSTEMS.contains(buffer.getLong(0) & 0xFFFFFFFFL);
    }
}

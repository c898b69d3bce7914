package dev.agentstream.tools.bash.policy;

import java.util.Set;

/** Programs whose only job is to destroy what is on a disk: mkfs and friends, wipefs, blkdiscard. */
final class FormatDiskRule implements CommandRule {

    private static final Set<String> FORMATTERS = Set.of("mkfs", "mke2fs", "mkfs.ext2", "mkfs.ext3", "mkfs.ext4",
            "mkfs.xfs", "mkfs.btrfs", "mkfs.vfat", "mkfs.fat", "mkfs.msdos", "mkfs.ntfs", "mkfs.exfat", "mkfs.f2fs",
            "mkdosfs", "wipefs", "blkdiscard");

    @Override
    public Set<String> programs() {
        return FORMATTERS;
    }

    @Override
    public boolean appliesTo(String program) {
        return FORMATTERS.contains(program) || program.startsWith("mkfs.");
    }

    @Override
    public String check(SimpleCommand c) {
        String p = c.program();
        if (p.equals("wipefs")) {
            return CommandRule.refusal(c, "erases the filesystem signatures of a disk, making its data unreachable",
                    "Changing disks is not allowed from this tool; ask the user to do it.");
        }
        if (p.equals("blkdiscard")) {
            return CommandRule.refusal(c, "discards every block of a disk, destroying its data",
                    "Changing disks is not allowed from this tool; ask the user to do it.");
        }
        if (FORMATTERS.contains(p) || p.startsWith("mkfs.")) {
            return CommandRule.refusal(c, "creates a new filesystem, destroying all data on the target",
                    "Formatting disks is not allowed from this tool; ask the user to do it.");
        }
        return null;
    }
}

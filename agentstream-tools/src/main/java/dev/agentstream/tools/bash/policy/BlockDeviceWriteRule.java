package dev.agentstream.tools.bash.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writing raw bytes over a disk: {@code dd of=/dev/...}, {@code tee}, {@code cp}, {@code mv} or {@code shred}
 * onto a block device, and output redirections ({@code >}, {@code >>}, {@code &>}) to one. Reading a disk is fine.
 */
final class BlockDeviceWriteRule implements CommandRule {

    private static final Options TEE = Options.FLAGS_ONLY;
    private static final Options SHRED = new Options("ns", Set.of("iterations", "size", "random-source"));
    private static final Options COPY = new Options("St", Set.of("suffix", "target-directory", "backup"));
    private static final String REMEDY = "Write to a regular file or /dev/null instead.";

    @Override
    public Set<String> programs() {
        return Set.of("dd", "tee", "cp", "mv", "shred");
    }

    @Override
    public String check(SimpleCommand c) {
        return switch (c.program()) {
            case "dd" -> dd(c);
            case "tee", "shred" -> {
                Options options = c.program().equals("tee") ? TEE : SHRED;
                yield firstDevice(c, options.operands(c.args()));
            }
            case "cp", "mv" -> firstDevice(c, copyTarget(c));
            default -> null;
        };
    }

    String checkRedirect(Redirection r) {
        String target = r.target().text();
        if (!TargetPaths.isBlockDevice(target)) {
            return null;
        }
        return "`" + r.source() + "` writes to the block device " + TargetPaths.normalize(target)
                + " and would destroy its data; refused by the default safety policy. " + REMEDY;
    }

    /** dd is refused for any device but the harmless ones: it is the usual tool for overwriting disks. */
    private static String dd(SimpleCommand c) {
        for (Word w : c.args()) {
            String a = w.text();
            if (a.startsWith("of=") && TargetPaths.isDevice(a.substring(3))) {
                return CommandRule.refusal(c, "writes raw data onto the device " + TargetPaths.normalize(a.substring(3))
                        + ", destroying what is on it", "Write to a regular file instead (for example of=/tmp/disk.img).");
            }
        }
        return null;
    }

    private static List<String> copyTarget(SimpleCommand c) {
        String directory = COPY.value(c.args(), 0, 't', "target-directory");
        if (directory != null) {
            return List.of(directory);
        }
        List<String> operands = COPY.operands(c.args());
        return operands.size() >= 2 ? List.of(operands.getLast()) : new ArrayList<>();
    }

    private static String firstDevice(SimpleCommand c, List<String> targets) {
        for (String target : targets) {
            if (TargetPaths.isBlockDevice(target)) {
                return CommandRule.refusal(c, "writes to the block device " + TargetPaths.normalize(target)
                        + " and would destroy its data", REMEDY);
            }
        }
        return null;
    }
}

package dev.agentstream.tools.bash.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the bash tool's shell runs.
 *
 * @param mode          off, or which bubblewrap layout
 * @param roots         the workspace folders: writable in {@link SandboxMode#WORKSPACE_WRITE}, read-only otherwise
 * @param network       whether the sandboxed shell keeps the network (it has none by default)
 * @param extraHidden   paths hidden from the shell on top of {@link SensitivePaths}' defaults
 */
public record SandboxConfig(SandboxMode mode, List<Path> roots, boolean network, List<Path> extraHidden) {

    public SandboxConfig {
        roots = absolute(roots);
        extraHidden = absolute(extraHidden);
    }

    /** No sandbox at all. */
    public static SandboxConfig off() {
        return new SandboxConfig(SandboxMode.OFF, List.of(), false, List.of());
    }

    public static SandboxConfig workspaceWrite(List<Path> roots) {
        return new SandboxConfig(SandboxMode.WORKSPACE_WRITE, roots, false, List.of());
    }

    public static SandboxConfig readOnly(List<Path> roots) {
        return new SandboxConfig(SandboxMode.READ_ONLY, roots, false, List.of());
    }

    public SandboxConfig withMode(SandboxMode newMode) {
        return new SandboxConfig(newMode, roots, network, extraHidden);
    }

    public SandboxConfig withRoots(List<Path> newRoots) {
        return new SandboxConfig(mode, newRoots, network, extraHidden);
    }

    public SandboxConfig withNetwork(boolean open) {
        return new SandboxConfig(mode, roots, open, extraHidden);
    }

    public SandboxConfig withHidden(List<Path> paths) {
        List<Path> all = new ArrayList<>(extraHidden);
        all.addAll(paths);
        return new SandboxConfig(mode, roots, network, all);
    }

    public boolean enabled() {
        return mode != SandboxMode.OFF;
    }

    /** The folders the shell may write to besides its private /tmp. */
    public List<Path> writableRoots() {
        return mode == SandboxMode.WORKSPACE_WRITE ? roots : List.of();
    }

    /**
     * One sentence for people and models saying what the shell can do, true to what is enforced: with
     * bubblewrap missing, it says bash is refused rather than claiming a sandbox.
     */
    public String describe(Bubblewrap.Status bubblewrap) {
        if (!enabled()) {
            return "bash runs without a sandbox (--sandbox off): it can read and write whatever this user can and reach the network"
                    + "; secret-looking environment variables are still withheld.";
        }
        if (!bubblewrap.available()) {
            return "bash is refused: " + bubblewrap.problem();
        }
        String writable = writableRoots().isEmpty()
                ? "nothing is writable but a private /tmp"
                : "only " + String.join(", ", writableRoots().stream().map(Path::toString).toList()) + " and a private /tmp are writable";
        return "bash runs in a bubblewrap sandbox (" + mode.label() + "): " + writable
                + ", the rest of the file system is read-only, ~/.ssh and other credential files are hidden, "
                + "processes it starts end with it, and " + (network ? "the network is open." : "there is no network.");
    }

    private static List<Path> absolute(List<Path> paths) {
        return paths.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
    }
}

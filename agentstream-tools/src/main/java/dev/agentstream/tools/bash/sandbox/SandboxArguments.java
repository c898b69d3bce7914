package dev.agentstream.tools.bash.sandbox;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The bwrap command line that wraps a program: the whole file system read-only, a private /tmp, the
 * workspace folders writable, credentials hidden, its own PID namespace, and no network unless asked.
 * Mounts apply in order, so the private /tmp comes before the folders bound back into it, and the hidden
 * paths come last, covering whatever a writable folder would otherwise show.
 */
public final class SandboxArguments {

    private static final Path PRIVATE_TMP = Path.of("/tmp");
    private static final Path X11_SOCKETS = Path.of("/tmp/.X11-unix");
    /** A display on this machine's X sockets (":1", ":1.0", "unix:1"), not one reached over TCP. */
    private static final Pattern LOCAL_DISPLAY = Pattern.compile("^(unix)?:\\d+(\\.\\d+)?$");

    private SandboxArguments() {}

    /**
     * @param sharedFolders folders the JVM and the shell both use (the command files), bound read-only
     * @param environment   the shell's environment, for its DISPLAY, XAUTHORITY and HOME
     */
    public static List<String> wrap(Path bwrap, SandboxConfig config, Path workingDirectory, List<Path> sharedFolders,
                                    Map<String, String> environment, List<String> program) {
        List<String> args = new ArrayList<>(List.of(bwrap.toString(), "--die-with-parent", "--unshare-pid"));
        if (!config.network()) args.add("--unshare-net");
        // Root outside keeps every capability inside unless told otherwise, and could remount / writable.
        args.addAll(List.of("--cap-drop", "ALL", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", PRIVATE_TMP.toString()));
        List<Path> visible = new ArrayList<>();
        String rootBinding = config.mode() == SandboxMode.WORKSPACE_WRITE ? "--bind" : "--ro-bind";
        for (Path root : config.roots()) {
            real(root).ifPresent(r -> {
                add(args, rootBinding, r, r);
                visible.add(r);
            });
        }
        // A working directory outside the workspace stays readable (it matters only inside the private /tmp).
        real(workingDirectory).filter(wd -> visible.stream().noneMatch(wd::startsWith)).ifPresent(wd -> {
            add(args, "--ro-bind", wd, wd);
            visible.add(wd);
        });
        if (usesLocalDisplay(environment) && Files.isDirectory(X11_SOCKETS)) {
            add(args, "--ro-bind", X11_SOCKETS, X11_SOCKETS);
            visible.add(X11_SOCKETS);
            Optional.ofNullable(environment.get("XAUTHORITY")).map(Path::of).flatMap(SandboxArguments::real)
                    .filter(f -> f.startsWith(PRIVATE_TMP)).ifPresent(f -> {
                        add(args, "--ro-bind", f, f);
                        visible.add(f);
                    });
        }
        for (Path folder : sharedFolders) {
            real(folder).ifPresent(f -> {
                add(args, "--ro-bind", f, f);
                visible.add(f);
            });
        }
        for (Path hidden : SensitivePaths.of(environment, config.extraHidden())) {
            real(hidden).filter(h -> !h.startsWith(PRIVATE_TMP) || visible.stream().anyMatch(h::startsWith)).ifPresent(h -> {
                if (Files.isDirectory(h)) {
                    args.addAll(List.of("--tmpfs", h.toString(), "--remount-ro", h.toString()));
                } else {
                    add(args, "--ro-bind", Path.of("/dev/null"), h);
                }
            });
        }
        args.addAll(List.of("--chdir", real(workingDirectory).orElse(workingDirectory.toAbsolutePath()).toString(), "--"));
        args.addAll(program);
        return args;
    }

    static boolean usesLocalDisplay(Map<String, String> environment) {
        String display = environment.get("DISPLAY");
        return display != null && LOCAL_DISPLAY.matcher(display).matches();
    }

    private static void add(List<String> args, String option, Path source, Path target) {
        args.addAll(List.of(option, source.toString(), target.toString()));
    }

    /** The path with symlinks resolved, as bwrap mounts it, or empty when it does not exist. */
    private static Optional<Path> real(Path path) {
        try {
            return Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.exists(path) ? Optional.of(path.toRealPath()) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}

package dev.agentstream.tools.bash.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds bubblewrap and checks, once per JVM, that it can really build a sandbox here: installed is not
 * enough where the kernel or a container refuses the namespaces it needs.
 */
public final class Bubblewrap {

    private static final String FIX_OFF = "or run with --sandbox off";
    private static volatile Status cached;

    private Bubblewrap() {}

    /**
     * Whether bwrap works here.
     *
     * @param executable the bwrap found, when it works
     * @param problem    one line naming why not and the fix, when it does not
     */
    public record Status(Optional<Path> executable, String problem) {
        public boolean available() {
            return executable.isPresent();
        }

        public static Status works(Path bwrap) {
            return new Status(Optional.of(bwrap), "");
        }

        public static Status broken(String problem) {
            return new Status(Optional.empty(), problem);
        }
    }

    /** The status on this machine, probed on first use with the PATH of this JVM. */
    public static Status status() {
        Status known = cached;
        if (known == null) {
            synchronized (Bubblewrap.class) {
                known = cached;
                if (known == null) cached = known = probe(System.getenv("PATH"));
            }
        }
        return known;
    }

    /**
     * Starts the probe {@link #status()} makes on a background thread, so a front door that will need it soon
     * (to describe bash, or warn) finds it done or under way instead of waiting for the test sandbox itself.
     */
    public static void probeInBackground() {
        if (cached == null) Thread.ofPlatform().daemon().name("bwrap-probe").start(Bubblewrap::status);
    }

    /** Looks for bwrap on {@code path} and starts one throw-away sandbox with the namespaces the shell uses. */
    public static Status probe(String path) {
        Optional<Path> bwrap = locate(path);
        if (bwrap.isEmpty()) {
            return Status.broken("bubblewrap (bwrap) is not installed, so bash cannot be sandboxed; install it "
                    + "(apt-get install bubblewrap) " + FIX_OFF + ".");
        }
        List<String> probe = List.of(bwrap.get().toString(), "--unshare-pid", "--unshare-net", "--die-with-parent",
                "--cap-drop", "ALL", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "true");
        try {
            Path errors = Files.createTempFile("agentstream-bwrap-probe-", ".txt");
            try {
                Process process = new ProcessBuilder(probe).redirectErrorStream(true)
                        .redirectOutput(errors.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return Status.broken(bwrap.get() + " did not finish a test sandbox within 10 s, so bash cannot be sandboxed; "
                            + "check that it runs (" + String.join(" ", probe) + ") " + FIX_OFF + ".");
                }
                if (process.exitValue() == 0) return Status.works(bwrap.get());
                return Status.broken(explain(firstLine(Files.readString(errors, StandardCharsets.UTF_8))));
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            return Status.broken(bwrap.get() + " cannot be started (" + e.getMessage() + "), so bash cannot be sandboxed; "
                    + "reinstall it (apt-get install --reinstall bubblewrap) " + FIX_OFF + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.broken("The check of bubblewrap was interrupted, so bash cannot be sandboxed; try again " + FIX_OFF + ".");
        }
    }

    /** bwrap's own complaint, with the fix that matches it, in one line. */
    public static String explain(String complaint) {
        String lower = complaint.toLowerCase(Locale.ROOT);
        boolean namespaces = lower.contains("namespace") || lower.contains("uid map") || lower.contains("uid_map")
                || lower.contains("operation not permitted") || lower.contains("permission denied");
        String fix = namespaces
                ? "allow unprivileged user namespaces (sysctl -w kernel.unprivileged_userns_clone=1, on Ubuntu also "
                + "kernel.apparmor_restrict_unprivileged_userns=0; in a container, start it with user namespaces allowed) "
                : "check that 'bwrap --ro-bind / / true' runs ";
        return "bubblewrap cannot create a sandbox here (bwrap: " + complaint + "), so bash cannot be sandboxed; " + fix + FIX_OFF + ".";
    }

    private static Optional<Path> locate(String path) {
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, "bwrap");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) return "it failed without a message";
        String line = trimmed.lines().findFirst().orElse(trimmed);
        return line.startsWith("bwrap: ") ? line.substring("bwrap: ".length()) : line;
    }
}

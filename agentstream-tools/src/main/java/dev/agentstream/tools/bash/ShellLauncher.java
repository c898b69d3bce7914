package dev.agentstream.tools.bash;

import dev.agentstream.tools.bash.sandbox.Bubblewrap;
import dev.agentstream.tools.bash.sandbox.SandboxArguments;
import dev.agentstream.tools.bash.sandbox.SandboxConfig;
import dev.agentstream.tools.bash.sandbox.SecretFilter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a shell process is started: the environment it inherits (secrets withheld) and the command line,
 * wrapped in bubblewrap when the sandbox is on. BashSession asks this for both and knows nothing else of
 * the sandbox.
 */
final class ShellLauncher {

    private final SandboxConfig sandbox;
    private final Bubblewrap.Status bubblewrap;
    private final Set<String> passedSecrets;
    private final List<Path> readableFolders;

    ShellLauncher(SandboxConfig sandbox, Bubblewrap.Status bubblewrap, Set<String> passedSecrets) {
        this(sandbox, bubblewrap, passedSecrets, List.of());
    }

    private ShellLauncher(SandboxConfig sandbox, Bubblewrap.Status bubblewrap, Set<String> passedSecrets, List<Path> readableFolders) {
        this.sandbox = sandbox;
        this.bubblewrap = bubblewrap;
        this.passedSecrets = passedSecrets;
        this.readableFolders = readableFolders;
    }

    /** Also makes {@code folder} readable in the sandbox (the session's spooled outputs, which results point to). */
    ShellLauncher sharing(Path folder) {
        List<Path> all = new java.util.ArrayList<>(readableFolders);
        all.add(folder);
        return new ShellLauncher(sandbox, bubblewrap, passedSecrets, List.copyOf(all));
    }

    static ShellLauncher unsandboxed() {
        return new ShellLauncher(SandboxConfig.off(), Bubblewrap.Status.broken("no sandbox asked for"), Set.of());
    }

    /** A program to run, with its environment. */
    record CommandLine(List<String> argv, Map<String, String> environment) {}

    /** This process's environment without secret-looking variables (except those passed on purpose). */
    Map<String, String> inheritedEnvironment() {
        return new HashMap<>(SecretFilter.withoutSecrets(System.getenv(), passedSecrets));
    }

    /**
     * The command line that runs {@code shell} in {@code workingDirectory}: as it is, or inside the sandbox
     * with {@code sharedFolders} (files the JVM hands the shell) readable there.
     */
    CommandLine commandLine(List<String> shell, Path workingDirectory, Map<String, String> environment, List<Path> sharedFolders) {
        if (!sandbox.enabled()) return new CommandLine(shell, environment);
        Path bwrap = bubblewrap.executable().orElseThrow(() -> new IllegalStateException(bubblewrap.problem()));
        Map<String, String> env = new HashMap<>(environment);
        // Whatever TMPDIR said outside may be read-only in here; the private /tmp is always writable.
        env.put("TMPDIR", "/tmp");
        List<Path> shared = new java.util.ArrayList<>(sharedFolders);
        shared.addAll(readableFolders);
        return new CommandLine(SandboxArguments.wrap(bwrap, sandbox, workingDirectory, shared, env, shell), env);
    }

    /** Whether the shell runs under a sandbox's own processes (whose pids must not be taken for the shell's children). */
    boolean wrapped() {
        return sandbox.enabled();
    }
}

package dev.agentstream.tools.bash.policy;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What the policy must know about the shell a command will run in to judge its targets by meaning: {@code ~}
 * and {@code $HOME} are {@code home}, relative paths start at {@code workingDirectory}, and {@code workspaceRoot}
 * is protected like the home directory.
 *
 * @param home             the shell's home directory
 * @param workingDirectory the shell's current directory when the command starts; null when it cannot be known,
 *                         which makes every relative deletion target that could be protected a refusal
 * @param workspaceRoot    the folder the user's project lives in
 */
public record ShellState(Path home, Path workingDirectory, Path workspaceRoot) {

    public ShellState {
        home = Objects.requireNonNull(home, "home").toAbsolutePath().normalize();
        workingDirectory = workingDirectory == null ? null : workingDirectory.toAbsolutePath().normalize();
        workspaceRoot = Objects.requireNonNull(workspaceRoot, "workspaceRoot").toAbsolutePath().normalize();
    }

    /** This JVM's home ({@code HOME}, else {@code user.home}) and current directory, which is also the workspace. */
    public static ShellState ofThisProcess() {
        Path cwd = Path.of(System.getProperty("user.dir"));
        return new ShellState(homeFrom(System.getenv("HOME")), cwd, cwd);
    }

    /** {@code home} when set, else this JVM's home directory. */
    public static Path homeFrom(String home) {
        return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home);
    }
}

package dev.agentstream.tools.bash;

import dev.agentstream.tools.bash.policy.CommandPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the bash tool.
 *
 * @param defaultTimeout   how long a call waits for its command when the input names no timeout
 * @param maxTimeout       the longest timeout a call may ask for
 * @param policy           what commands may run at all
 * @param workingDirectory where a new shell starts
 * @param environment      variables added to the shell's environment
 */
public record BashConfig(Duration defaultTimeout, Duration maxTimeout, CommandPolicy policy,
                         Path workingDirectory, Map<String, String> environment) {

    public static BashConfig defaults() {
        return new BashConfig(Duration.ofSeconds(120), Duration.ofSeconds(600), CommandPolicy.defaults(),
                Path.of(System.getProperty("user.dir")), Map.of());
    }

    public BashConfig withDefaultTimeout(Duration timeout) {
        return new BashConfig(timeout, maxTimeout.compareTo(timeout) < 0 ? timeout : maxTimeout, policy, workingDirectory, environment);
    }

    public BashConfig withPolicy(CommandPolicy newPolicy) {
        return new BashConfig(defaultTimeout, maxTimeout, newPolicy, workingDirectory, environment);
    }

    public BashConfig withWorkingDirectory(Path dir) {
        return new BashConfig(defaultTimeout, maxTimeout, policy, dir, environment);
    }

    /** Adds {@code name=value} to the environment of new shells (e.g. DISPLAY for the agent's desktop). */
    public BashConfig withEnvironmentVariable(String name, String value) {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put(name, value);
        return new BashConfig(defaultTimeout, maxTimeout, policy, workingDirectory, Map.copyOf(env));
    }
}

package dev.agentstream.tools.bash;

import dev.agentstream.tools.bash.policy.CommandPolicy;
import dev.agentstream.tools.bash.sandbox.SandboxConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Settings of the bash tool.
 *
 * @param defaultTimeout   how long a call waits for its command when the input names no timeout
 * @param maxTimeout       the longest timeout a call may ask for
 * @param policy           what commands may run at all
 * @param workingDirectory where a new shell starts
 * @param environment      variables added to the shell's environment
 * @param laterEnvironment variables added to the shell's environment whose values are known only when a shell
 *                         starts (a supplier may block until then; null leaves the variable out)
 * @param sandbox          where the shell runs (bubblewrap, or no sandbox)
 * @param passedSecrets    secret-looking variables of this process passed to the shell on purpose; all
 *                         others whose names hold KEY, SECRET, TOKEN or PASSWORD are withheld
 */
public record BashConfig(Duration defaultTimeout, Duration maxTimeout, CommandPolicy policy,
                         Path workingDirectory, Map<String, String> environment, Map<String, Supplier<String>> laterEnvironment,
                         SandboxConfig sandbox, Set<String> passedSecrets) {

    public BashConfig {
        environment = Map.copyOf(environment);
        laterEnvironment = Map.copyOf(laterEnvironment);
        passedSecrets = Set.copyOf(passedSecrets);
    }

    /** No sandbox (library users opt in with {@link #withSandbox}); secrets are withheld all the same. */
    public static BashConfig defaults() {
        return new BashConfig(Duration.ofSeconds(120), Duration.ofSeconds(600), CommandPolicy.defaults(),
                Path.of(System.getProperty("user.dir")), Map.of(), Map.of(), SandboxConfig.off(), Set.of());
    }

    public BashConfig withDefaultTimeout(Duration timeout) {
        return new BashConfig(timeout, maxTimeout.compareTo(timeout) < 0 ? timeout : maxTimeout, policy, workingDirectory,
                environment, laterEnvironment, sandbox, passedSecrets);
    }

    public BashConfig withPolicy(CommandPolicy newPolicy) {
        return new BashConfig(defaultTimeout, maxTimeout, newPolicy, workingDirectory, environment, laterEnvironment, sandbox, passedSecrets);
    }

    public BashConfig withWorkingDirectory(Path dir) {
        return new BashConfig(defaultTimeout, maxTimeout, policy, dir, environment, laterEnvironment, sandbox, passedSecrets);
    }

    /** Adds {@code name=value} to the environment of new shells (e.g. DISPLAY for the agent's desktop). */
    public BashConfig withEnvironmentVariable(String name, String value) {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put(name, value);
        Map<String, Supplier<String>> later = new java.util.HashMap<>(laterEnvironment);
        later.remove(name);
        return new BashConfig(defaultTimeout, maxTimeout, policy, workingDirectory, env, later, sandbox, passedSecrets);
    }

    /**
     * Adds {@code name} to the environment of new shells with the value {@code value} gives when a shell
     * starts: for a value still being made while the tool is set up (the DISPLAY of an Xvfb starting in the
     * background). The supplier may block; when it gives null, the variable is left out.
     */
    public BashConfig withEnvironmentVariable(String name, Supplier<String> value) {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.remove(name);
        Map<String, Supplier<String>> later = new java.util.HashMap<>(laterEnvironment);
        later.put(name, value);
        return new BashConfig(defaultTimeout, maxTimeout, policy, workingDirectory, env, later, sandbox, passedSecrets);
    }

    /** The variables a shell starting now gets on top of the inherited ones: waits for those known only now. */
    public Map<String, String> shellEnvironment() {
        if (laterEnvironment.isEmpty()) return environment;
        Map<String, String> env = new java.util.HashMap<>(environment);
        laterEnvironment.forEach((name, value) -> {
            String known = value.get();
            if (known != null) env.put(name, known);
        });
        return Map.copyOf(env);
    }

    public BashConfig withSandbox(SandboxConfig newSandbox) {
        return new BashConfig(defaultTimeout, maxTimeout, policy, workingDirectory, environment, laterEnvironment, newSandbox, passedSecrets);
    }

    /** Lets these variables of this process through to the shell although their names look secret. */
    public BashConfig withPassedSecrets(Set<String> names) {
        Set<String> all = new LinkedHashSet<>(passedSecrets);
        all.addAll(names);
        return new BashConfig(defaultTimeout, maxTimeout, policy, workingDirectory, environment, laterEnvironment, sandbox, all);
    }
}

package dev.agentstream.cli;

import dev.agentstream.agent.AgentConfigException;
import dev.agentstream.agent.AgentHome;
import dev.agentstream.agent.SettingsLoader;
import dev.agentstream.core.RuntimeConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where `tool` and `mcp` spool full outputs: under {@code $AGENTSTREAM_HOME/spool} when the user set a home
 * (as `run` always does), otherwise the runtime's default in the temp folder, which needs no home at all;
 * and how much the spool may hold, as config.json's {@code spool_max_size} says (every front door).
 */
final class SpoolFolder {

    private SpoolFolder() {}

    static RuntimeConfig apply(RuntimeConfig config) {
        return apply(config, System.getenv());
    }

    /** @throws IllegalArgumentException when config.json cannot be read or its spool budget is not a size */
    static RuntimeConfig apply(RuntimeConfig config, Map<String, String> env) {
        AgentHome home = AgentHome.fromEnvironment(env);
        RuntimeConfig budgeted = withConfiguredBudget(config, home.configFile());
        String set = env.get(AgentHome.ENV);
        if (set == null || set.isBlank()) return budgeted;
        return budgeted.withSpoolDir(home.spoolDir());
    }

    /**
     * {@code config} with the spool budget of {@code configFile} ({@code "spool_max_size": "500m"}) when it gives
     * one; {@code AGENTSTREAM_SPOOL_MAX_SIZE} still wins when the sweep runs.
     *
     * @throws IllegalArgumentException when the file cannot be read or the budget is not a size, naming the file
     */
    static RuntimeConfig withConfiguredBudget(RuntimeConfig config, Path configFile) {
        try {
            return SettingsLoader.spoolMaxSize(configFile).map(config::withSpoolMaxSize).orElse(config);
        } catch (AgentConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(configFile + ": " + e.getMessage(), e);
        }
    }
}

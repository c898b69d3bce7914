package dev.agentstream.cli;

import dev.agentstream.agent.AgentHome;
import dev.agentstream.core.RuntimeConfig;
import java.util.Map;

/**
 * Where `tool` and `mcp` spool full outputs: under {@code $AGENTSTREAM_HOME/spool} when the user set a home
 * (as `run` always does), otherwise the runtime's default in the temp folder, which needs no home at all.
 */
final class SpoolFolder {

    private SpoolFolder() {}

    static RuntimeConfig apply(RuntimeConfig config) {
        return apply(config, System.getenv());
    }

    static RuntimeConfig apply(RuntimeConfig config, Map<String, String> env) {
        String home = env.get(AgentHome.ENV);
        if (home == null || home.isBlank()) return config;
        return config.withSpoolDir(AgentHome.fromEnvironment(env).spoolDir());
    }
}

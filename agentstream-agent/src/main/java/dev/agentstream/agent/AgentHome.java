package dev.agentstream.agent;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where agentstream keeps its files: {@code $AGENTSTREAM_HOME}, or {@code ~/.agentstream}. It holds
 * {@code config.json}, the {@code sessions} folder and the {@code spool} folder (the full output of every
 * tool call).
 */
public record AgentHome(Path root) {

    public static final String ENV = "AGENTSTREAM_HOME";

    public static AgentHome fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static AgentHome fromEnvironment(Map<String, String> env) {
        String configured = env.get(ENV);
        if (configured != null && !configured.isBlank()) return new AgentHome(Path.of(configured));
        return new AgentHome(Path.of(System.getProperty("user.home"), ".agentstream"));
    }

    public Path configFile() {
        return root.resolve("config.json");
    }

    public Path sessionsDir() {
        return root.resolve("sessions");
    }

    /** Where the full output of each tool call is spooled, one folder per session. */
    public Path spoolDir() {
        return root.resolve("spool");
    }
}

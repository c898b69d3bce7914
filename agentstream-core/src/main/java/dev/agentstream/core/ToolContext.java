package dev.agentstream.core;

/** What a call runs within: its session and the runtime's settings. */
public record ToolContext(Session session, RuntimeConfig config) {

    public static ToolContext of(Session session) {
        return new ToolContext(session, RuntimeConfig.defaults());
    }
}

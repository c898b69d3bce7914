package dev.agentstream.mcp;

/** What the transports report about an MCP session besides its requests: a cancelled request, the session's end. */
interface SessionListener {

    String CANCELLED = "notifications/cancelled";

    void cancelled(String sessionId, String requestId);

    void ended(String sessionId);

    /** The {@code requestId} of a {@code notifications/cancelled}, or null if it names none. */
    static String requestIdOf(Object params) {
        if (params instanceof java.util.Map<?, ?> map && map.get("requestId") != null) {
            return String.valueOf(map.get("requestId"));
        }
        return null;
    }
}

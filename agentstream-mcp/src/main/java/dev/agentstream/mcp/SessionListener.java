package dev.agentstream.mcp;

/**
 * What the transports report about an MCP session besides its requests: its start, its use, a cancelled
 * request, its end; and what they ask: whether it has been idle long enough to end.
 */
interface SessionListener {

    String CANCELLED = "notifications/cancelled";

    default void opened(String sessionId) {}

    /** A message of the session arrived: it is in use. */
    default void used(String sessionId) {}

    /** Whether the session has run no call and received no message for longer than its idle limit. */
    default boolean expired(String sessionId) {
        return false;
    }

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

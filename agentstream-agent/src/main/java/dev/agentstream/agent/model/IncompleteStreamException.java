package dev.agentstream.agent.model;

/** The reply's stream ended before message_stop: the connection closed cleanly but too early. */
final class IncompleteStreamException extends RuntimeException {
    public IncompleteStreamException(String message) {
        super(message);
    }
}

package dev.agentstream.agent;

/** A setting is missing or wrong; the message says which and how to fix it, in one sentence. */
public final class AgentConfigException extends RuntimeException {
    public AgentConfigException(String message) {
        super(message);
    }

    public AgentConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}

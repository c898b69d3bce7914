package dev.agentstream.tools.computer;

/**
 * No X display can be used: none is set and none could be started, or the one set cannot be reached.
 * The message says in one sentence what is missing and what to install or set.
 */
public class DisplayUnavailableException extends RuntimeException {
    public DisplayUnavailableException(String message) {
        super(message);
    }

    public DisplayUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.agentstream.core;

/**
 * Thrown by a tool for input it cannot act on. The call then completes with an error result whose
 * text is this message, so it must say in one sentence what is wrong and what to do.
 */
public class ToolInputException extends RuntimeException {
    public ToolInputException(String message) {
        super(message);
    }
}

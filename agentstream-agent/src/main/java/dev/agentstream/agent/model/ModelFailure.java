package dev.agentstream.agent.model;

/** The model could not be reached or refused the request, and retrying will not (or did not) help. */
public final class ModelFailure extends RuntimeException {
    public ModelFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

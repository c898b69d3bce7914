package dev.agentstream.agent.session;

import dev.agentstream.agent.AgentConfigException;
import java.nio.file.Path;

/**
 * A session asked for by id that is not saved: a front door words it with its own way of listing the saved sessions
 * (the command line names {@code agentstream sessions}); the message names none.
 */
public final class UnknownSessionException extends AgentConfigException {

    private final String id;
    private final transient Path dir;

    public UnknownSessionException(String id, Path dir) {
        super("There is no session '" + id + "' in " + dir + "; pick one of the saved sessions.");
        this.id = id;
        this.dir = dir;
    }

    public String id() {
        return id;
    }

    /** The folder the saved sessions are in. */
    public Path dir() {
        return dir;
    }
}

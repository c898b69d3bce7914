package dev.agentstream.core;

/**
 * What a client may assume about a tool's calls before it runs one, to decide what to ask its user to
 * confirm: whether a call only reads, whether it may destroy what is there, whether repeating it changes
 * nothing more, and whether it reaches beyond the files it is given (a shell, a screen). These are hints, as
 * MCP's tool annotations are: a tool declares what is true of it, and no front door enforces them.
 */
public record ToolHints(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {

    /** A tool whose calls change nothing; reading twice reads the same. */
    public static ToolHints readOnly(boolean openWorld) {
        return new ToolHints(true, false, true, openWorld);
    }

    /** A tool whose calls may change things. */
    public static ToolHints writes(boolean destructive, boolean idempotent, boolean openWorld) {
        return new ToolHints(false, destructive, idempotent, openWorld);
    }
}

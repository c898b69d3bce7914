package dev.agentstream.core;

/** The work of one call, written as plain blocking code; it runs on its own virtual thread. */
@FunctionalInterface
public interface ToolBody {
    ToolResult run(CallScope scope) throws Exception;
}

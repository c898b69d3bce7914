package dev.agentstream.core;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The most a tool's JSON input may hold, set explicitly on every mapper that parses tool input (CLI, MCP,
 * the agent's model turns) so a too-big input gets our sentence instead of the parser's internal limit.
 * Tools keep their own, smaller limits (such as the editor's file size) and say them in their errors.
 */
public final class InputLimits {

    /** Characters one string value of a tool input may hold (64 Mi): above every tool's own limit. */
    public static final int MAX_STRING_CHARS = 64 * 1024 * 1024;

    /** Said wherever a parser refuses an input for its size. */
    public static final String TOO_BIG = "a string in the input is longer than " + (MAX_STRING_CHARS / (1024 * 1024))
            + " Mi characters, the most a tool input may hold; write big files with bash in pieces "
            + "(for example by appending with cat >> FILE) instead of sending them in one call";

    private InputLimits() {}

    /** {@code mapper}, made to accept strings up to {@link #MAX_STRING_CHARS}. */
    public static ObjectMapper applyTo(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(MAX_STRING_CHARS)
                .build());
        return mapper;
    }

    /** Whether {@code e} (or a cause) is the parser refusing an input for its size. */
    public static boolean isSizeLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) return true;
        }
        return false;
    }
}

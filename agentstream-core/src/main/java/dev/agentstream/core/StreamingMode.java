package dev.agentstream.core;

/** How a registry delivers a tool's events: all of them as they happen, or only the final result. */
public enum StreamingMode {
    STREAMING,
    BUFFERED
}

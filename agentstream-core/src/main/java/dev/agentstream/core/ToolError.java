package dev.agentstream.core;

/** A failure of the runtime itself (not a tool result that says "error"): a crash, a broken invariant. */
public record ToolError(String message, String exceptionType) {
    public static ToolError of(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return new ToolError(message, t.getClass().getName());
    }
}

package dev.agentstream.agent;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The part of an exception's message a person can use: its root cause, its first line, and for JSON that
 * did not parse, Jackson's own message without its source-location internals ("at [Source: REDACTED ...").
 */
public final class ErrorText {

    private ErrorText() {}

    public static String of(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root instanceof JsonProcessingException json ? json.getOriginalMessage() : root.getMessage();
        if (message == null || message.isBlank()) return root.getClass().getSimpleName();
        String first = message.strip().lines().findFirst().orElse("");
        int source = first.indexOf(" at [Source:");
        if (source >= 0) first = first.substring(0, source);
        first = first.strip();
        // The sentence this goes into supplies the full stop.
        while (first.endsWith(".")) first = first.substring(0, first.length() - 1);
        return first.isEmpty() ? root.getClass().getSimpleName() : first;
    }
}

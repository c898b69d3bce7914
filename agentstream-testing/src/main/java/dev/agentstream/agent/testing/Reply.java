package dev.agentstream.agent.testing;

/** What the fake server answers to one request: a scripted stream, or an HTTP error. */
public sealed interface Reply {

    record Stream(SseScript script) implements Reply {}

    /** An HTTP error with the API's error body, e.g. 529 overloaded_error; {@code retryAfterSeconds} < 0 sends none. */
    record HttpError(int status, String type, String message, int retryAfterSeconds) implements Reply {}

    static Reply stream(SseScript script) {
        return new Stream(script);
    }

    static Reply error(int status, String type, String message) {
        return new HttpError(status, type, message, -1);
    }

    static Reply overloaded() {
        return error(529, "overloaded_error", "Overloaded");
    }
}

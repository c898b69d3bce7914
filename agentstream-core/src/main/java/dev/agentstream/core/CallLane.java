package dev.agentstream.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The state a call takes for itself while it runs: the session's shell, the screen, one file. Calls of one
 * session in the same lane run one after another, in the order they were started; a call without a lane
 * runs alongside anything.
 */
@FunctionalInterface
public interface CallLane {

    /** The lane a call with this input runs in, or empty if it shares no state. */
    Optional<String> of(JsonNode input);

    /** Calls that only read and keep no session state. */
    static CallLane none() {
        return input -> Optional.empty();
    }

    /** Every call takes the same piece of state ({@code "shell"}, {@code "screen"}). */
    static CallLane always(String lane) {
        Optional<String> named = Optional.of(lane);
        return input -> named;
    }

    /** Each call takes the file named by the input field {@code field}; calls on other files run alongside. */
    static CallLane fileAt(String field) {
        return input -> Optional.of("file:" + normalize(input.path(field).asText("")));
    }

    private static String normalize(String path) {
        try {
            return Path.of(path).toAbsolutePath().normalize().toString();
        } catch (InvalidPathException e) {
            return path;
        }
    }
}

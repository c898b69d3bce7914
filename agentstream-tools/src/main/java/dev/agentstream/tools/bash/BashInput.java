package dev.agentstream.tools.bash;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.ToolInputException;
import java.time.Duration;
import java.util.Optional;

/**
 * The bash tool's input: Anthropic's {@code command} and {@code restart}, plus {@code timeout} (seconds),
 * {@code stdin} (text typed into a command that waits for input) and {@code interrupt}. While a command
 * runs on past its timeout, an empty command waits for more of its output and "C-c" interrupts it.
 */
record BashInput(Optional<String> command, boolean restart, Optional<Duration> timeout, Optional<String> stdin,
                 boolean interrupt) {

    static BashInput parse(JsonNode input, BashConfig config) {
        Optional<String> command = text(input, "command");
        Optional<String> stdin = text(input, "stdin");
        boolean restart = bool(input, "restart");
        boolean interrupt = bool(input, "interrupt") || command.map(c -> c.equals("C-c") || c.equals(BashSession.INTERRUPT)).orElse(false);
        if (interrupt) command = Optional.of("");
        Optional<Duration> timeout = Optional.empty();
        JsonNode t = input.get("timeout");
        if (t != null && !t.isNull()) {
            if (!t.isNumber() || t.asDouble() <= 0) {
                throw new ToolInputException("'timeout' must be a positive number of seconds, for example 300.");
            }
            Duration asked = Duration.ofMillis(Math.round(t.asDouble() * 1000));
            if (asked.compareTo(config.maxTimeout()) > 0) {
                throw new ToolInputException("'timeout' may be at most " + config.maxTimeout().toSeconds()
                        + " seconds; ask for less, or run the command in the background and poll it.");
            }
            timeout = Optional.of(asked);
        }
        if (!restart && command.isEmpty() && stdin.isEmpty()) {
            throw new ToolInputException("Give a 'command' to run (or 'restart': true to start a fresh shell).");
        }
        return new BashInput(command, restart, timeout, stdin, interrupt);
    }

    Duration timeoutOr(Duration fallback) {
        return timeout.orElse(fallback);
    }

    boolean blankCommand() {
        return command.map(String::isBlank).orElse(true);
    }

    private static Optional<String> text(JsonNode input, String field) {
        JsonNode node = input.get(field);
        if (node == null || node.isNull()) return Optional.empty();
        if (!node.isTextual()) {
            throw new ToolInputException("'" + field + "' must be a string.");
        }
        return Optional.of(node.asText());
    }

    private static boolean bool(JsonNode input, String field) {
        JsonNode node = input.get(field);
        if (node == null || node.isNull()) return false;
        if (!node.isBoolean()) {
            throw new ToolInputException("'" + field + "' must be true or false.");
        }
        return node.asBoolean();
    }
}

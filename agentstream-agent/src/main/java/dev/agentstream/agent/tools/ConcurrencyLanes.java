package dev.agentstream.agent.tools;

import dev.agentstream.agent.model.ToolDeclarations;
import dev.agentstream.core.ToolCall;
import java.util.Optional;
import java.util.Set;

/**
 * Which calls of one message may run at the same time. Several tool_use blocks in one message are
 * independent by the API's contract (the model puts dependent steps in separate turns), so they run
 * concurrently, except where they would share state: one shell runs one command at a time, one screen
 * takes one action at a time, one file takes one edit at a time. Calls in the same lane run one after
 * another in the order the model gave them.
 */
public final class ConcurrencyLanes {

    /** Tools that only read and hold no session state: no lane, they run as soon as they are asked for. */
    private static final Set<String> FREE = Set.of("find", "tree");

    private ConcurrencyLanes() {}

    /** The lane {@code call} runs in, or empty if it may run alongside anything. */
    public static Optional<String> laneOf(ToolCall call) {
        if (FREE.contains(call.name())) return Optional.empty();
        if (call.name().equals(ToolDeclarations.EDITOR_NAME)) {
            String path = call.input().path("path").asText("");
            return Optional.of("file:" + normalize(path));
        }
        // bash (one shell), computer (one screen), and any tool whose state we cannot judge.
        return Optional.of("tool:" + call.name());
    }

    private static String normalize(String path) {
        try {
            return java.nio.file.Path.of(path).normalize().toString();
        } catch (java.nio.file.InvalidPathException e) {
            return path;
        }
    }
}

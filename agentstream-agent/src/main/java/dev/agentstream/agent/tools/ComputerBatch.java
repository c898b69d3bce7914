package dev.agentstream.agent.tools;

import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolResult;
import java.util.Optional;

/**
 * The computer actions of one reply, run as Anthropic's computer use docs ask of a batch: in the order the model
 * gave them, and none after the first that failed or was refused, since a later action (typing) depends on what
 * an earlier one (the click that focused a field) did. Each action waits for the one before it; once one ends in
 * an error, every later action of the reply is answered with {@link #HALTED} and never runs. Other tools of the
 * reply are not held back. See https://platform.claude.com/docs/en/agents-and-tools/tool-use/computer-use-tool#batch-actions.
 */
public final class ComputerBatch {

    /** The exact text the docs give for an action skipped after a failure. */
    public static final String HALTED = "Not executed: an earlier computer action in this turn failed.";

    private final ToolRunner runner;
    private PendingCall last;

    public ComputerBatch(ToolRunner runner) {
        this.runner = runner;
    }

    /**
     * Runs {@code call} after the reply's earlier actions, unless one of them failed; {@code inputError} says why
     * the call itself cannot run (it is then answered with that error, which also stops the actions after it).
     */
    public synchronized PendingCall add(ToolCall call, Optional<String> inputError) {
        PendingCall pending;
        if (last == null) {
            pending = inputError.isPresent() ? runner.answer(call, ToolResult.error(inputError.get())) : runner.start(call);
        } else {
            pending = runner.startAfter(last, call, prior -> prior.isError()
                    ? Optional.of(ToolResult.error(HALTED)) : inputError.map(ToolResult::error));
        }
        last = pending;
        return pending;
    }

    /** An action that already ran for this reply in an attempt that broke off, and that the retried reply asked for again. */
    public synchronized void rejoined(PendingCall earlier) {
        last = earlier;
    }

    /** The reply broke off and is requested again: its actions start a new batch. */
    public synchronized void restart() {
        last = null;
    }
}

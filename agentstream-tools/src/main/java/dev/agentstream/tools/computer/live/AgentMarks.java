package dev.agentstream.tools.computer.live;

import dev.agentstream.tools.computer.AppliedInput;
import dev.agentstream.tools.computer.DisplayAccess;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the page marks on the live desktop: the agent's last click (where the pointer was, screen pixels)
 * and the last text it typed, as the computer tool applied them. Read them with {@link #lastClick()} and
 * {@link #lastTyped()}, or be told of each change with {@link #onChange}. A person's take-over actions are
 * not the agent's and are left out. Close it to stop listening to the display.
 */
public final class AgentMarks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentMarks.class);

    private final AutoCloseable listening;
    private final CopyOnWriteArrayList<Consumer<AppliedInput>> listeners = new CopyOnWriteArrayList<>();
    private volatile AppliedInput lastClick;
    private volatile AppliedInput lastTyped;

    public AgentMarks(DisplayAccess display) {
        this.listening = display.onInput(this::applied);
    }

    /** The agent's last click ({@link AppliedInput#pointer()} is where it landed), if it clicked since this was made. */
    public Optional<AppliedInput> lastClick() {
        return Optional.ofNullable(lastClick);
    }

    /** The agent's last {@code type} action ({@link AppliedInput#text()} is the text), if it typed since this was made. */
    public Optional<AppliedInput> lastTyped() {
        return Optional.ofNullable(lastTyped);
    }

    /**
     * Calls {@code listener} with each click or typing of the agent from now on, on the agent's thread while
     * it holds the display: it must return quickly. Closing the handle stops it.
     */
    public AutoCloseable onChange(Consumer<AppliedInput> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void applied(AppliedInput input) {
        if (input.actor() != AppliedInput.Actor.AGENT) return;
        if (input.isClick()) {
            lastClick = input;
        } else if (input.action().equals("type")) {
            lastTyped = input;
        } else {
            return;
        }
        for (Consumer<AppliedInput> listener : listeners) {
            try {
                listener.accept(input);
            } catch (RuntimeException e) {
                log.warn("an agent-marks listener failed", e);
            }
        }
    }

    @Override
    public void close() {
        try {
            listening.close();
        } catch (Exception e) {
            // removing a listener from a list does not fail
        }
    }
}

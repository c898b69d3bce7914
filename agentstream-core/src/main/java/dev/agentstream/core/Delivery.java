package dev.agentstream.core;

import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a call's events to a listener as its streaming mode says: all of them, or only the terminal one when
 * BUFFERED. A listener that throws gets no more events, but the call still runs to its end and the terminal
 * event is returned: the automatic fallback.
 */
final class Delivery {

    private static final Logger log = LoggerFactory.getLogger(Delivery.class);

    private Delivery() {}

    /** {@code readToEnd} reads the call's events, hands each non-terminal one on, and returns the terminal one. */
    static ToolEvent deliver(String callId, StreamingMode mode, Function<Consumer<ToolEvent>, ToolEvent> readToEnd,
                             Consumer<ToolEvent> listener) {
        boolean buffered = mode == StreamingMode.BUFFERED;
        boolean[] delivering = {true};
        ToolEvent terminal = readToEnd.apply(event -> {
            if (buffered || !delivering[0]) return;
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                delivering[0] = false;
                log.warn("Delivering events of call {} failed ({}); the call goes on and its result is kept.", callId, e.toString());
            }
        });
        if (delivering[0]) {
            try {
                listener.accept(terminal);
            } catch (RuntimeException e) {
                log.warn("Delivering the result of call {} failed ({}); the result is still returned.", callId, e.toString());
            }
        }
        return terminal;
    }
}

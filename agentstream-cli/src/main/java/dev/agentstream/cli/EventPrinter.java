package dev.agentstream.cli;

import dev.agentstream.core.ToolEvent;
import java.util.function.Consumer;

/** Shows a call's events to a person or a program as they arrive. */
interface EventPrinter extends Consumer<ToolEvent> {

    /** Called when Ctrl-C cancelled the call, before the process exits. */
    default void cancelled() {}
}

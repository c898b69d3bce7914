package dev.agentstream.cli;

import dev.agentstream.core.EventJson;
import dev.agentstream.core.ToolEvent;
import java.io.PrintStream;

/** {@code tool --json}: one {@link EventJson} event per line on stdout. */
final class JsonEventPrinter implements EventPrinter {

    private final JsonLines lines;

    JsonEventPrinter(PrintStream out) {
        this.lines = new JsonLines(out);
    }

    @Override
    public void accept(ToolEvent event) {
        if (event instanceof ToolEvent.Output output && lines.printOutput(output)) return;
        lines.print(EventJson.toJson(event));
    }
}

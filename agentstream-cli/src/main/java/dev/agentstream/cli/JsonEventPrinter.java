package dev.agentstream.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.ToolEvent;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/** NDJSON on stdout: one event per line, flushed as it happens. */
final class JsonEventPrinter implements EventPrinter {

    private final PrintStream out;

    JsonEventPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void accept(ToolEvent event) {
        try {
            out.print(EventJson.mapper().writeValueAsString(EventJson.toJson(event)));
            out.print('\n');
            out.flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

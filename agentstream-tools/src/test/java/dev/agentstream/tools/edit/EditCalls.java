package dev.agentstream.tools.edit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.RuntimeConfig;
import dev.agentstream.core.Session;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolContext;
import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs editor calls in one session (so undo history carries over), keeping every event, for tests. */
final class EditCalls implements AutoCloseable {

    final EditTool tool;
    final Session session = Session.create();
    final RuntimeConfig config;
    private int counter;

    EditCalls(EditTool tool, Path spoolDir) {
        this(tool, RuntimeConfig.defaults().withSpoolDir(spoolDir));
    }

    EditCalls(EditTool tool, RuntimeConfig config) {
        this.tool = tool;
        this.config = config;
    }

    record Recorded(List<ToolEvent> events, ToolEvent terminal) {
        ToolResult result() {
            return ToolRegistry.resultOf(terminal);
        }

        String text() {
            return result().text();
        }

        boolean isError() {
            return result().isError();
        }

        Map<String, Object> meta() {
            return result().metadata();
        }

        List<ToolEvent.Output> outputs() {
            return events.stream().filter(e -> e instanceof ToolEvent.Output).map(e -> (ToolEvent.Output) e).toList();
        }

        List<ToolEvent.Progress> progress() {
            return events.stream().filter(e -> e instanceof ToolEvent.Progress).map(e -> (ToolEvent.Progress) e).toList();
        }

        String streamedText() {
            StringBuilder s = new StringBuilder();
            outputs().forEach(o -> s.append(o.text()));
            return s.toString();
        }
    }

    ToolStream start(Map<String, ?> input) {
        ObjectNode json = EventJson.mapper().valueToTree(input);
        return tool.execute(new ToolCall("e" + (++counter), EditTool.NAME, json), new ToolContext(session, config));
    }

    Recorded run(Map<String, ?> input) {
        List<ToolEvent> events = new ArrayList<>();
        try (ToolStream stream = start(input)) {
            ToolEvent terminal = stream.awaitTerminal(events::add);
            return new Recorded(events, terminal);
        }
    }

    /** A call from alternating keys and values, e.g. {@code call("command", "view", "path", p)}. */
    Recorded call(Object... keysAndValues) {
        Map<String, Object> input = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            input.put((String) keysAndValues[i], value instanceof Path p ? p.toString() : value);
        }
        return run(input);
    }

    @Override
    public void close() {
        session.close();
    }
}

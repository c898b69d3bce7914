package dev.agentstream.tools.bash;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.Session;
import dev.agentstream.core.Tool;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolContext;
import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs calls against one tool and one session, keeping every event, for tests. */
final class CallRecorder implements AutoCloseable {

    final Tool tool;
    final Session session = Session.create();
    final ToolContext context;
    private int counter;

    CallRecorder(Tool tool, ToolContext context) {
        this.tool = tool;
        this.context = context;
    }

    CallRecorder(Tool tool) {
        this.tool = tool;
        this.context = new ToolContext(session, dev.agentstream.core.RuntimeConfig.defaults());
    }

    record Recorded(List<ToolEvent> events, ToolEvent terminal) {
        ToolResult result() {
            return ToolRegistry.resultOf(terminal);
        }

        String text() {
            return result().text();
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

    ToolCall call(Map<String, ?> input) {
        ObjectNode json = EventJson.mapper().valueToTree(input);
        return new ToolCall("t" + (++counter), tool.spec().name(), json);
    }

    ToolStream start(Map<String, ?> input) {
        return tool.execute(call(input), context());
    }

    ToolContext context() {
        return new ToolContext(session, context.config());
    }

    Recorded run(Map<String, ?> input) {
        List<ToolEvent> events = new ArrayList<>();
        try (ToolStream stream = start(input)) {
            ToolEvent terminal = stream.awaitTerminal(events::add);
            return new Recorded(events, terminal);
        }
    }

    Recorded bash(String command) {
        return run(Map.of("command", command));
    }

    @Override
    public void close() {
        session.close();
    }
}

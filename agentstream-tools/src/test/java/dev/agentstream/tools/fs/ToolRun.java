package dev.agentstream.tools.fs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.RuntimeConfig;
import dev.agentstream.core.Session;
import dev.agentstream.core.Tool;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolContext;
import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs calls of one file tool, keeping every event, for tests; spool files go to a folder the test owns. */
public final class ToolRun implements AutoCloseable {

    private static final AtomicInteger IDS = new AtomicInteger();

    private final Tool tool;
    private final Session session = Session.create();
    private final RuntimeConfig config;

    public ToolRun(Tool tool, Path spoolDir) {
        this.tool = tool;
        this.config = RuntimeConfig.defaults().withSpoolDir(spoolDir);
    }

    public record Recorded(List<ToolEvent> events, ToolEvent terminal) {
        public ToolResult result() {
            return ToolRegistry.resultOf(terminal);
        }

        public String text() {
            return result().text();
        }

        public Map<String, Object> meta() {
            return result().metadata();
        }

        public boolean isError() {
            return result().isError();
        }

        public List<ToolEvent.Output> outputs() {
            return events.stream().filter(e -> e instanceof ToolEvent.Output).map(e -> (ToolEvent.Output) e).toList();
        }

        public List<ToolEvent.Progress> progress() {
            return events.stream().filter(e -> e instanceof ToolEvent.Progress).map(e -> (ToolEvent.Progress) e).toList();
        }

        public String streamed() {
            StringBuilder s = new StringBuilder();
            outputs().forEach(o -> s.append(o.text()));
            return s.toString();
        }

        /** The streamed lines, sorted: matches of a parallel search arrive in no fixed order. */
        public List<String> sortedLines() {
            return streamed().lines().sorted().toList();
        }
    }

    public ToolStream start(Map<String, ?> input) {
        ObjectNode json = EventJson.mapper().valueToTree(input);
        ToolCall call = new ToolCall("t" + IDS.incrementAndGet(), tool.spec().name(), json);
        return tool.execute(call, new ToolContext(session, config));
    }

    public Recorded run(Map<String, ?> input) {
        List<ToolEvent> events = new ArrayList<>();
        try (ToolStream stream = start(input)) {
            ToolEvent terminal = stream.awaitTerminal(events::add);
            return new Recorded(events, terminal);
        }
    }

    @Override
    public void close() {
        session.close();
    }
}

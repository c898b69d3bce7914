package dev.agentstream.core;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ToolRegistryTest {

    @TempDir
    Path spool;

    /** Prints three lines and reports progress once: enough to tell streaming from buffered. */
    static final class CountingTool implements Tool {
        final AtomicBoolean finished = new AtomicBoolean();

        @Override
        public ToolSpec spec() {
            return new ToolSpec("count", "counts to three", JsonNodeFactory.instance.objectNode(), Optional.empty());
        }

        @Override
        public ToolStream execute(ToolCall call, ToolContext context) {
            return ToolStreams.start(call, context, scope -> {
                for (int i = 1; i <= 3; i++) scope.output("stdout", i + "\n");
                scope.progress("counted", java.util.OptionalDouble.of(1.0), java.util.Map.of());
                finished.set(true);
                return new ToolResult(List.of(ContentBlock.text(scope.view().render())), false, java.util.Map.of());
            });
        }
    }

    private ToolContext context() {
        return new ToolContext(Session.create(), RuntimeConfig.defaults().withSpoolDir(spool));
    }

    @Test
    void streamingDeliversEveryEventAndBufferedOnlyTheResultOfTheSameExecution() {
        ToolRegistry registry = new ToolRegistry().register(new CountingTool());
        List<ToolEvent> streamed = new ArrayList<>();
        ToolEvent s = registry.run(new ToolCall("a", "count", null), context(), streamed::add);

        registry.mode("count", StreamingMode.BUFFERED);
        List<ToolEvent> buffered = new ArrayList<>();
        ToolEvent b = registry.run(new ToolCall("b", "count", null), context(), buffered::add);

        assertThat(streamed).hasSizeGreaterThan(4);
        assertThat(streamed.stream().filter(e -> e instanceof ToolEvent.Output)).hasSize(3);
        assertThat(buffered).hasSize(1).first().isInstanceOf(ToolEvent.Completed.class);
        assertThat(ToolRegistry.resultOf(b).text()).isEqualTo(ToolRegistry.resultOf(s).text()).isEqualTo("1\n2\n3\n");
    }

    @Test
    void theDefaultModeAppliesToToolsWithoutTheirOwn() {
        ToolRegistry registry = new ToolRegistry().register(new CountingTool()).defaultMode(StreamingMode.BUFFERED);
        assertThat(registry.modeOf("count")).isEqualTo(StreamingMode.BUFFERED);
        registry.mode("count", StreamingMode.STREAMING);
        assertThat(registry.modeOf("count")).isEqualTo(StreamingMode.STREAMING);
    }

    @Test
    void whenDeliveringEventsFailsTheCallStillRunsToItsResult() {
        CountingTool tool = new CountingTool();
        ToolRegistry registry = new ToolRegistry().register(tool);
        List<ToolEvent> received = new ArrayList<>();
        ToolEvent terminal = registry.run(new ToolCall("c", "count", null), context(), event -> {
            received.add(event);
            if (event instanceof ToolEvent.Output) throw new IllegalStateException("client went away");
        });
        assertThat(tool.finished).isTrue();
        assertThat(ToolRegistry.resultOf(terminal).text()).isEqualTo("1\n2\n3\n");
        assertThat(received.stream().filter(e -> e instanceof ToolEvent.Output)).hasSize(1);
    }

    @Test
    void anUnknownToolIsAnErrorResultNamingTheToolsThereAre() {
        ToolRegistry registry = new ToolRegistry().register(new CountingTool());
        ToolResult result = registry.call(new ToolCall("d", "nope", null), context());
        assertThat(result.isError()).isTrue();
        assertThat(result.text()).contains("'nope'").contains("count");
    }

    @Test
    void everyFinishedCallWritesOneStructuredLogLine() {
        Logger calls = (Logger) LoggerFactory.getLogger("agentstream.calls");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        calls.addAppender(appender);
        try {
            new ToolRegistry().register(new CountingTool()).call(new ToolCall("e", "count", null), context());
        } finally {
            calls.detachAppender(appender);
        }
        assertThat(appender.list).hasSize(1);
        assertThat(appender.list.getFirst().getFormattedMessage())
                .contains("tool=count", "call=e", "outcome=ok", "durationMs=", "firstOutputMs=", "bytes=6", "lines=3", "truncated=false");
    }

    @Test
    void eventsHaveOneWireForm() {
        ToolRegistry registry = new ToolRegistry().register(new CountingTool());
        List<ToolEvent> events = new ArrayList<>();
        registry.run(new ToolCall("f", "count", null), context(), events::add);
        var output = EventJson.toJson(events.stream().filter(e -> e instanceof ToolEvent.Output).findFirst().orElseThrow());
        assertThat(output.get("type").asText()).isEqualTo("output");
        assertThat(output.get("call").asText()).isEqualTo("f");
        assertThat(output.get("stream").asText()).isEqualTo("stdout");
        assertThat(output.get("text").asText()).isEqualTo("1\n");
        assertThat(output.has("t")).isTrue();
        var result = EventJson.toJson(events.getLast());
        assertThat(result.get("type").asText()).isEqualTo("result");
        assertThat(result.get("isError").asBoolean()).isFalse();
        assertThat(result.get("content").get(0).get("text").asText()).isEqualTo("1\n2\n3\n");
        assertThat(result.get("meta").has("spoolPath")).isTrue();
        assertThat(result.get("meta").has("durationMs")).isTrue();
    }
}

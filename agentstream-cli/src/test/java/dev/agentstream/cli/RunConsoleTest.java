package dev.agentstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.agent.AgentEvent;
import dev.agentstream.agent.TokenUsage;
import dev.agentstream.agent.render.ConsoleAgentPrinter;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.ToolEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@code agentstream run} draws on a terminal of a given width. */
class RunConsoleTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ConsoleAgentPrinter printer(int columns) {
        return new ConsoleAgentPrinter(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                RunCommand.consoleStyle(false, true, true, columns));
    }

    /** What is left on screen of each stderr line: the text after its last carriage return / clear-line. */
    private List<String> screenLines() {
        return Arrays.stream(err.toString(StandardCharsets.UTF_8).split("\n"))
                .flatMap(line -> Arrays.stream(line.split("\r\u001b\\[K")))
                .toList();
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 120})
    void the_progress_bar_and_status_lines_fit_the_terminal(int columns) throws Exception {
        ConsoleAgentPrinter printer = printer(columns);
        printer.accept(new AgentEvent.ToolUse(1, "c1", "bash", EventJson.mapper().readTree("{\"command\":\"make\"}"), "make"));
        for (int i = 1; i <= 4; i++) {
            printer.accept(new AgentEvent.Tool("bash", new ToolEvent.Progress("c1", 1000L * i,
                    "compiling src/main/java/dev/agentstream/some/very/long/package/path/WithAVeryLongClassNameIndeed.java and more",
                    OptionalDouble.of(i / 4.0), Map.of("elapsedMs", 1000L * i, "bytes", 123_456_789L * i, "lines", 98_765L * i))));
        }
        printer.accept(new AgentEvent.Notice("Note " + "and a long notice that goes on ".repeat(8) + "until it ends."));
        printer.accept(new AgentEvent.Usage(1, new TokenUsage(123_456, 7_890, 1_234_567, 89_012), new TokenUsage(223_456, 17_890, 2_234_567, 189_012), 1.23, 2.34));

        List<String> lines = screenLines();
        assertThat(lines).anyMatch(l -> l.contains("%"));
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).as(line).isLessThan(columns));
        assertThat(String.join(" ", lines)).contains("until it ends.");
    }

    @Test
    void the_usage_line_starts_on_its_own_line_after_the_models_text() {
        ConsoleAgentPrinter printer = printer(80);
        printer.accept(new AgentEvent.TextDelta(1, "All done."));
        printer.accept(new AgentEvent.Usage(1, new TokenUsage(10, 2, 0, 0), new TokenUsage(10, 2, 0, 0), 0.00004, 0.00004));

        // stdout's line is ended before the usage goes to stderr, so on a shared terminal they never share a line.
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("All done.\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("[turn 1:");
    }

    @Test
    void the_width_comes_from_COLUMNS_then_the_terminal_then_80() {
        assertThat(Terminal.columns("132", () -> 100)).isEqualTo(132);
        assertThat(Terminal.columns(null, () -> 100)).isEqualTo(100);
        assertThat(Terminal.columns("wide", () -> 0)).isEqualTo(80);
        assertThat(Terminal.columns(null, () -> 0)).isEqualTo(80);
    }
}

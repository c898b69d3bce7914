package dev.agentstream.agent.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.agent.AgentEvent;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleAgentPrinterTest {

    @Test
    void shows_text_then_a_tool_header_its_indented_output_and_a_summary() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ConsoleAgentPrinter printer = new ConsoleAgentPrinter(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), ConsoleAgentPrinter.Style.plain());

        printer.accept(new AgentEvent.TextDelta(1, "Let me look."));
        printer.accept(new AgentEvent.ToolUse(1, "t1", "bash", EventJson.mapper().readTree("{\"command\":\"ls -la\"}"), "ls -la"));
        printer.accept(new AgentEvent.Tool("bash", new ToolEvent.Started("t1", 0, "bash")));
        printer.accept(new AgentEvent.Tool("bash", new ToolEvent.Output("t1", 5, "stdout", "a.txt\nb.t")));
        printer.accept(new AgentEvent.Tool("bash", new ToolEvent.Output("t1", 6, "stdout", "xt\n")));
        printer.accept(new AgentEvent.Tool("bash", new ToolEvent.Completed("t1", 9,
                ToolResult.text("a.txt\nb.txt\n[exit code 0]").withMetadata(Map.of("exitCode", 0, "durationMs", 9, "lines", 2)))));
        printer.accept(new AgentEvent.TextDelta(2, "Done."));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                Let me look.
                ● bash  ls -la
                  │ a.txt
                  │ b.txt
                  └ [exit code 0 · 0.01 s · 2 lines]

                Done.""");
    }

    @Test
    void the_end_of_the_reply_while_the_tool_runs_does_not_repeat_its_header() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConsoleAgentPrinter printer = new ConsoleAgentPrinter(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()), ConsoleAgentPrinter.Style.plain());

        printer.accept(new AgentEvent.ToolUse(1, "t1", "bash", EventJson.mapper().readTree("{\"command\":\"ls\"}"), "ls"));
        printer.accept(new AgentEvent.Tool("bash", new ToolEvent.Started("t1", 0, "bash")));
        printer.accept(new AgentEvent.TurnEnded(1, "tool_use"));
        printer.accept(new AgentEvent.Tool("bash", new ToolEvent.Output("t1", 5, "stdout", "a.txt\n")));
        printer.accept(new AgentEvent.TurnStarted(2));
        printer.accept(new AgentEvent.TextDelta(2, "One file."));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                ● bash  ls
                  │ a.txt

                One file.""");
    }

    @Test
    void hidden_thinking_shows_only_a_marker() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConsoleAgentPrinter.Style hidden = new ConsoleAgentPrinter.Style(false, false, false,
                ConsoleAgentPrinter::defaultProgress, ConsoleAgentPrinter::defaultSummary, 80);
        ConsoleAgentPrinter printer = new ConsoleAgentPrinter(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()), hidden);

        printer.accept(new AgentEvent.ThinkingDelta(1, "secret plans"));
        printer.accept(new AgentEvent.ThinkingDelta(1, " more"));
        printer.accept(new AgentEvent.TextDelta(1, "Hello"));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("(thinking...)\nHello");
    }
}

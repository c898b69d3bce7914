package dev.agentstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ToolCallRendererTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ToolCallRenderer printer(boolean terminal) {
        return alone(terminal, 120);
    }

    private ToolCallRenderer alone(boolean terminal, int columns) {
        return new ToolCallRenderer(new Screen(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, terminal, columns), ToolCallRenderer.Layout.ALONE, false);
    }

    private static ToolEvent.Progress progress(long t, double fraction) {
        return new ToolEvent.Progress("c1", t, "downloading", OptionalDouble.of(fraction), Map.of("elapsedMs", t, "lines", 3L));
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAndClearedBeforeOutput() {
        ToolCallRenderer printer = printer(true);
        printer.accept(progress(100, 0.25));
        printer.accept(progress(200, 0.5));
        printer.accept(new ToolEvent.Output("c1", 250, "stdout", "line\n"));
        printer.accept(new ToolEvent.Completed("c1", 300, ToolResult.text("line\n").withMetadata(Map.of("exitCode", 0))));

        String bar = err.toString(StandardCharsets.UTF_8);
        assertThat(bar).startsWith("\r\u001b[K[######..................]  25%")
                .contains("\r\u001b[K[############............]  50%")
                .contains("downloading")
                .endsWith("\r\u001b[K[exit code 0]\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("line\n");
    }

    @Test
    void elsewhereProgressIsAPlainLineAtMostOnceASecond() {
        ToolCallRenderer printer = printer(false);
        printer.accept(progress(100, 0.1));
        printer.accept(progress(600, 0.2));
        printer.accept(progress(1200, 0.3));

        String lines = err.toString(StandardCharsets.UTF_8);
        assertThat(lines).doesNotContain("\r").doesNotContain("\u001b");
        assertThat(lines.lines()).hasSize(2).allMatch(l -> l.startsWith("progress: ["));
        assertThat(lines).contains(" 10%").contains(" 30%").doesNotContain(" 20%");
    }

    @Test
    void onANarrowTerminalTheBarIsCutToItsWidthSoItNeverWraps() {
        ToolCallRenderer printer = alone(true, 40);
        printer.accept(new ToolEvent.Progress("c1", 100, "compiling a file with a rather long name indeed",
                OptionalDouble.of(0.5), Map.of("elapsedMs", 100L, "bytes", 123_456_789L)));

        String drawn = err.toString(StandardCharsets.UTF_8).replace("\r\u001b[K", "");
        assertThat(drawn).startsWith("[#####.....]  50%").endsWith("…").hasSize(39);
    }

    @Test
    void aloneABufferedResultIsStdoutAndNothingElse() {
        ToolCallRenderer printer = new ToolCallRenderer(new Screen(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, false, 80), ToolCallRenderer.Layout.ALONE, true);
        printer.accept(new ToolEvent.Started("c1", 0, "bash"));
        printer.accept(new ToolEvent.Completed("c1", 5, ToolResult.text("hi\n[exit code 0]").withMetadata(Map.of("exitCode", 0))));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hi\n[exit code 0]\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theSameCallAloneAndInTheStory() {
        ToolResult result = ToolResult.text("a.txt:1:x\n1 match in 1 file").withMetadata(Map.of("durationMs", 20, "summary", "1 match in 1 file"));
        ToolCallRenderer alone = printer(false);
        alone.accept(new ToolEvent.Output("c1", 5, "stdout", "a.txt:1:x\n"));
        alone.accept(new ToolEvent.Completed("c1", 20, result));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a.txt:1:x\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("1 match in 1 file\n[done · 0.02 s]\n");

        out.reset();
        err.reset();
        ToolCallRenderer story = new ToolCallRenderer(new Screen(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, false, 80), ToolCallRenderer.Layout.IN_STORY, false);
        story.header("c1", "find  x");
        story.accept(new ToolEvent.Output("c1", 5, "stdout", "a.txt:1:x\n"));
        story.accept(new ToolEvent.Completed("c1", 20, result));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                ● find  x
                  │ a.txt:1:x
                  │ 1 match in 1 file
                  └ [done · 0.02 s]
                """);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void inTheStoryInterleavedCallsAreEachReintroducedBeforeTheirLines() {
        ToolCallRenderer story = new ToolCallRenderer(new Screen(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, false, 80), ToolCallRenderer.Layout.IN_STORY, false);
        story.header("a", "bash  make");
        story.header("b", "bash  ls");
        story.accept(new ToolEvent.Output("a", 5, "stdout", "compil"));
        story.accept(new ToolEvent.Output("b", 6, "stdout", "x.txt\n"));
        story.accept(new ToolEvent.Output("a", 7, "stdout", "ing\n"));
        story.accept(new ToolEvent.Failed("b", 8, new dev.agentstream.core.ToolError("boom", null)));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                ● bash  make
                ● bash  ls
                ● bash  make
                  │ compil
                ● bash  ls
                  │ x.txt
                ● bash  make
                  │ ing
                ● bash  ls
                  ✗ the tool failed inside the runtime: boom
                """);
    }

    @Test
    void theSummaryOfATruncatedViewNamesNoSpoolFileItDoesNotHave() {
        assertThat(ToolCallRenderer.summary(Map.of("truncated", true, "spoolPath", "/tmp/s/bash-c1.log", "exitCode", 0)))
                .endsWith(" · model view truncated, full output: /tmp/s/bash-c1.log]");
        assertThat(ToolCallRenderer.summary(Map.of("truncated", true, "path", "/tmp/big.txt")))
                .endsWith(" · model view truncated]").doesNotContain("null");
    }
}

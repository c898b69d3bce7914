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

class ConsoleEventPrinterTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ConsoleEventPrinter printer(boolean terminal) {
        return new ConsoleEventPrinter(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), terminal, false);
    }

    private static ToolEvent.Progress progress(long t, double fraction) {
        return new ToolEvent.Progress("c1", t, "downloading", OptionalDouble.of(fraction), Map.of("elapsedMs", t, "lines", 3L));
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAndClearedBeforeOutput() {
        ConsoleEventPrinter printer = printer(true);
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
        ConsoleEventPrinter printer = printer(false);
        printer.accept(progress(100, 0.1));
        printer.accept(progress(600, 0.2));
        printer.accept(progress(1200, 0.3));

        String lines = err.toString(StandardCharsets.UTF_8);
        assertThat(lines).doesNotContain("\r").doesNotContain("\u001b");
        assertThat(lines.lines()).hasSize(2).allMatch(l -> l.startsWith("progress: ["));
        assertThat(lines).contains(" 10%").contains(" 30%").doesNotContain(" 20%");
    }
}

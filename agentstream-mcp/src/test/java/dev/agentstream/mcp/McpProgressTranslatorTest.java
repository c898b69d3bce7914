package dev.agentstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.core.ToolEvent;
import io.modelcontextprotocol.spec.McpSchema;
import dev.agentstream.core.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class McpProgressTranslatorTest {

    private final ProgressTranslator translator = new ProgressTranslator("tok");

    @Test
    void outputOnlyFeedsTheMessage() {
        assertThat(translator.translate(new ToolEvent.Output("c", 1, "stdout", "\u001b[32mcompiling\u001b[0m a\nlinking b\n"))).isEmpty();
        McpSchema.ProgressNotification n = progress(OptionalDouble.empty(), Map.of("bytes", 20L));
        assertThat(n.progressToken()).isEqualTo("tok");
        assertThat(n.message()).isEqualTo("running: make | linking b");
        assertThat(n.progress()).isEqualTo(20.0);
        assertThat(n.total()).isNull();
    }

    @Test
    void aLineStillBeingDrawnIsTheNewest() {
        translator.translate(new ToolEvent.Output("c", 1, "stdout", "Downloading\n 10%\r 55%"));
        assertThat(progress(OptionalDouble.of(0.55), Map.of()).message()).isEqualTo("running: make | 55%");
    }

    @Test
    void theLatestLineIsWhatReadingEveryLineInOrderFindsWhateverTheChunks() {
        String[] pieces = {"plain line", "\n", "\n", "   ", "\t", "\u001b[31m", "\u001b[0m", "red", "\r", " 42%", "\r\n", "x".repeat(300),
                "caf\u00e9", "y".repeat(639) + "z", "w".repeat(641)};
        java.util.Random random = new java.util.Random(3);
        for (int round = 0; round < 400; round++) {
            ProgressTranslator fresh = new ProgressTranslator("tok");
            LineByLine reference = new LineByLine();
            for (int chunk = 0; chunk < 1 + random.nextInt(6); chunk++) {
                StringBuilder text = new StringBuilder();
                for (int i = random.nextInt(12); i > 0; i--) text.append(pieces[random.nextInt(pieces.length)]);
                fresh.translate(asSentBy(random, text.toString()));
                reference.noteOutput(text.toString());
                List<McpSchema.ProgressNotification> sent = fresh.translate(new ToolEvent.Progress("c", 5, "phase", OptionalDouble.empty(), Map.of()));
                assertThat(sent.getFirst().message()).as("round %d chunk %d: %s", round, chunk, text).isEqualTo(reference.message("phase"));
            }
        }
    }

    /** A chunk of output as a tool may send it: as text, or, when it is ASCII, as its bytes alone half the time. */
    private static ToolEvent.Output asSentBy(java.util.Random random, String text) {
        boolean ascii = text.chars().allMatch(c -> c < 0x80);
        return ascii && random.nextBoolean()
                ? ToolEvent.Output.ofAscii("c", 1, "stdout", text.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                : new ToolEvent.Output("c", 1, "stdout", text);
    }

    /** The translator's line keeping as it was first written, one cleaned string per line: the reference. */
    private static final class LineByLine {
        private final StringBuilder pendingLine = new StringBuilder();
        private String latestLine = "";

        void noteOutput(String text) {
            int start = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    pendingLine.append(text, start, i);
                    String line = clean(pendingLine.toString());
                    if (!line.isBlank()) latestLine = line;
                    pendingLine.setLength(0);
                    start = i + 1;
                }
            }
            pendingLine.append(text, start, text.length());
            if (pendingLine.length() > 4 * 160) pendingLine.delete(0, pendingLine.length() - 2 * 160);
        }

        String message(String phase) {
            String partial = clean(pendingLine.toString());
            String line = partial.isBlank() ? latestLine : partial;
            return line.isBlank() ? phase : phase + " | " + line;
        }

        private static String clean(String line) {
            String text = dev.agentstream.core.view.TerminalText.collapseCarriageReturns(dev.agentstream.core.view.TerminalText.stripAnsi(line)).strip();
            return text.length() <= 160 ? text : text.substring(0, 157) + "...";
        }
    }

    @Test
    void aKnownFractionIsAPercentageOfOneHundred() {
        McpSchema.ProgressNotification n = progress(OptionalDouble.of(0.25), Map.of("bytes", 9L));
        assertThat(n.progress()).isEqualTo(25.0);
        assertThat(n.total()).isEqualTo(100.0);
    }

    @Test
    void progressAlwaysIncreasesEvenWhenNothingMoved() {
        double first = progress(OptionalDouble.empty(), Map.of("bytes", 13L, "elapsedMs", 1000L)).progress();
        double heartbeat = progress(OptionalDouble.empty(), Map.of("bytes", 13L, "elapsedMs", 2000L)).progress();
        double next = progress(OptionalDouble.empty(), Map.of("bytes", 40L, "elapsedMs", 3000L)).progress();
        assertThat(first).isEqualTo(13.0);
        assertThat(heartbeat).isEqualTo(13.001);
        assertThat(next).isEqualTo(40.0);
    }

    @Test
    void aLatePercentageBelowTheWorkCountDropsTheTotalRatherThanGoBack() {
        progress(OptionalDouble.empty(), Map.of("bytes", 5000L));
        McpSchema.ProgressNotification n = progress(OptionalDouble.of(0.3), Map.of("bytes", 5100L));
        assertThat(n.progress()).isGreaterThan(5000.0);
        assertThat(n.total()).isNull();
    }

    @Test
    void aFractionBecomesAPercentageWithoutFloatingPointNoise() {
        assertThat(progress(OptionalDouble.of(0.55), Map.of()).progress()).isEqualTo(55.0);
        assertThat(progress(OptionalDouble.of(0.7), Map.of()).progress()).isEqualTo(70.0);
    }

    @Test
    void filesScannedCountBeforeBytes() {
        assertThat(progress(OptionalDouble.empty(), Map.of("files", 12L, "bytes", 90_000L, "matches", 3L)).progress()).isEqualTo(12.0);
    }

    @Test
    void otherEventsSendNothing() {
        assertThat(translator.translate(new ToolEvent.Started("c", 0, "bash"))).isEmpty();
    }

    private McpSchema.ProgressNotification progress(OptionalDouble fraction, Map<String, Long> counters) {
        List<McpSchema.ProgressNotification> notifications = translator.translate(new ToolEvent.Progress("c", 5, "running: make", fraction, counters));
        assertThat(notifications).hasSize(1);
        return notifications.getFirst();
    }

    @Test
    void withoutTheRequestNoNotificationCarriesOutput() {
        translator.translate(new ToolEvent.Output("c", 1, "stdout", "x".repeat(3 * OutputChunks.CHUNK_CHARS)));
        assertThat(progress(OptionalDouble.empty(), Map.of("bytes", 1L)).meta()).isNull();
        assertThat(translator.translate(new ToolEvent.Completed("c", 9, ToolResult.text("done")))).isEmpty();
    }

    @Test
    void carriedOutputArrivesWholeInOrderAndBeforeTheEnd() {
        ProgressTranslator carrying = new ProgressTranslator("tok", true);
        StringBuilder printed = new StringBuilder();
        List<McpSchema.ProgressNotification> sent = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            String line = "line " + i + " \u00e9\n";
            printed.append(line);
            sent.addAll(carrying.translate(new ToolEvent.Output("c", i, "stdout", line)));
            if (i % 700 == 0) sent.addAll(carrying.translate(new ToolEvent.Progress("c", i, "running: seq", OptionalDouble.empty(), Map.of("bytes", (long) i))));
        }
        sent.addAll(carrying.translate(new ToolEvent.Completed("c", 9, ToolResult.text("done"))));

        StringBuilder received = new StringBuilder();
        double previous = Double.NEGATIVE_INFINITY;
        for (McpSchema.ProgressNotification n : sent) {
            assertThat(n.progress()).isGreaterThan(previous);
            previous = n.progress();
            if (n.meta() == null) continue;
            @SuppressWarnings("unchecked")
            Map<String, Object> chunk = (Map<String, Object>) n.meta().get(OutputChunks.CHUNK_KEY);
            String text = (String) chunk.get("text");
            assertThat(chunk.get("offset")).isEqualTo((long) received.length());
            assertThat(text.length()).isBetween(1, OutputChunks.CHUNK_CHARS);
            received.append(text);
        }
        assertThat(received.toString()).isEqualTo(printed.toString());
        assertThat(sent).as("full chunks go out as soon as they fill, not all at the end")
                .hasSizeGreaterThanOrEqualTo(printed.length() / OutputChunks.CHUNK_CHARS);
    }

    @Test
    void aChunkNeverSplitsACharacterOutsideTheBasicPlane() {
        ProgressTranslator carrying = new ProgressTranslator("tok", true);
        String text = "a".repeat(OutputChunks.CHUNK_CHARS - 1) + "\uD83D\uDE00" + "b";
        List<McpSchema.ProgressNotification> sent = new ArrayList<>(carrying.translate(new ToolEvent.Output("c", 1, "stdout", text)));
        sent.addAll(carrying.translate(new ToolEvent.Completed("c", 2, ToolResult.text("done"))));
        assertThat(sent).hasSize(2);
        @SuppressWarnings("unchecked")
        Map<String, Object> second = (Map<String, Object>) sent.get(1).meta().get(OutputChunks.CHUNK_KEY);
        assertThat(second.get("text")).isEqualTo("\uD83D\uDE00b");
        assertThat(second.get("offset")).isEqualTo((long) OutputChunks.CHUNK_CHARS - 1);
    }
}

package dev.agentstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.ToolEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The output-event fast path of {@code tool --json} writes what the Jackson tree path writes, byte for byte. */
class JsonEventPrinterTest {

    private static final String PIECES = "\u0000\u0001\u0007\b\t\n\u000b\f\r\u001b\u001f \"\\/~\u007f\u0080\u00e9\u00ff\u2028\u4e2d\ufffd\ud83d\ude00";

    @Test
    void outputEventsAreWrittenAsTheJsonTreeWritesThem() throws Exception {
        List<String> texts = new ArrayList<>(List.of("", "plain ascii", "     1\tint x = 1;\n     2\t\"quoted\" \\ back\n",
                "p 10%\rp 100%\n\u001b[31mred\u001b[0m\n", "a\u0000b", "caf\u00e9 \u4e2d\u6587", "x".repeat(100_000) + "\t",
                "emoji \ud83d\ude00 pair", "lone \ud83d high", "lone \ude00 low", "ends high \ud83d"));
        Random random = new Random(42);
        for (int n = 0; n < 300; n++) {
            StringBuilder s = new StringBuilder();
            int len = random.nextInt(200);
            for (int i = 0; i < len; i++) {
                s.append(random.nextInt(3) == 0 ? PIECES.charAt(random.nextInt(PIECES.length())) : (char) ('a' + random.nextInt(26)));
            }
            texts.add(s.toString());
        }
        for (String text : texts) {
            ToolEvent.Output event = new ToolEvent.Output("c\"1\u00e9", 12_345, "stdout", text);
            assertThat(printed(event)).as("text %s", text).isEqualTo(jsonTree(event));
        }
    }

    @Test
    void outputEventsCarryingTheirUtf8AreWrittenAsTheJsonTreeWritesTheirText() throws Exception {
        String run = "var v1=f(2);".repeat(10_000); // a long ASCII run, then what needs escaping or is not ASCII
        List<String> texts = new ArrayList<>(List.of("", "plain ascii", run + "\u00e9\u4e2d", run + "\"\\\t\u0000\u001f" + run,
                run + "\ud83d\ude00" + run, "\ud83d\ude00", "x\ud83d\ude00", run + "\n     2\tcaf\u00e9\n"));
        Random random = new Random(43);
        for (int n = 0; n < 300; n++) {
            StringBuilder s = new StringBuilder(random.nextBoolean() ? run.substring(random.nextInt(run.length())) : "");
            int len = random.nextInt(200);
            for (int i = 0; i < len; i++) {
                char piece = PIECES.charAt(random.nextInt(PIECES.length()));
                if (Character.isSurrogate(piece)) continue; // a tool hands bytes on only for text that is valid UTF-8
                s.append(random.nextInt(3) == 0 ? piece : (char) ('a' + random.nextInt(26)));
            }
            if (random.nextInt(4) == 0) s.append("\ud83d\ude00");
            texts.add(s.toString());
        }
        for (String text : texts) {
            ToolEvent.Output plain = new ToolEvent.Output("c1", 7, "stdout", text);
            ToolEvent.Output withBytes = new ToolEvent.Output("c1", 7, "stdout", text, text.getBytes(StandardCharsets.UTF_8));
            assertThat(withBytes).isEqualTo(plain).hasSameHashCodeAs(plain);
            assertThat(printed(withBytes)).as("text %s", text).isEqualTo(jsonTree(plain));
            if (text.chars().allMatch(c -> c < 0x80)) { // as a view hands on a chunk of ASCII: bytes alone, no text yet
                ToolEvent.Output ascii = ToolEvent.Output.ofAscii("c1", 7, "stdout", text.getBytes(StandardCharsets.US_ASCII));
                assertThat(printed(ascii)).as("text %s", text).isEqualTo(jsonTree(plain));
            }
        }
    }

    @Test
    void escapesThatOutgrowTheBufferAndFourByteLeadsFoundLateLeaveNothingBehindInTheNextEvent() throws Exception {
        String run = "     1\tint x = 1;\n".repeat(5_000);
        List<String> texts = List.of("\u0001".repeat(70_000), "\t".repeat(50_000) + "x", run + "\u0001".repeat(30_000) + "\ud83d\ude00",
                run + "\ud83d\ude00", "after", "\u001f\"\\".repeat(40_000) + "\ud83d\ude00tail", run + "caf\u00e9", "abc\ud83d\ude00",
                "abcdefg\ud83d\ude00", "\n".repeat(7));
        ByteArrayOutputStream together = new ByteArrayOutputStream();
        JsonEventPrinter printer = new JsonEventPrinter(new PrintStream(together, true, StandardCharsets.UTF_8));
        StringBuilder expected = new StringBuilder();
        for (String text : texts) {
            ToolEvent.Output withBytes = new ToolEvent.Output("c1", 7, "stdout", text, text.getBytes(StandardCharsets.UTF_8));
            assertThat(printed(withBytes)).as("text of %d chars", text.length()).isEqualTo(jsonTree(withBytes));
            printer.accept(withBytes); // one printer for all: a string taken back must not show in the next line
            expected.append(jsonTree(withBytes));
        }
        assertThat(together.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    @Test
    void findsAFourByteLeadInEveryPositionOfAWord() {
        byte[] ascii = "abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8JsonText.hasFourByteLead(ascii)).isFalse();
        assertThat(Utf8JsonText.hasFourByteLead("\u00e9\u4e2d\uffff\u07ff\u0080".repeat(5).getBytes(StandardCharsets.UTF_8))).isFalse();
        for (int at = 0; at < ascii.length; at++) {
            byte[] bytes = ascii.clone();
            bytes[at] = (byte) 0xF0;
            assertThat(Utf8JsonText.hasFourByteLead(bytes)).as("at %d", at).isTrue();
            bytes[at] = (byte) 0xEF; // the highest three-byte lead
            assertThat(Utf8JsonText.hasFourByteLead(bytes)).as("at %d", at).isFalse();
        }
    }

    @Test
    void theLineParsesBackToTheSameText() throws Exception {
        String text = "\t\r\n\u0000\u001b[0m\u00e9\u4e2d end";
        JsonNode back = EventJson.mapper().readTree(printed(new ToolEvent.Output("c1", 1, "stdout", text)));
        assertThat(back.get("text").asText()).isEqualTo(text);
        assertThat(back.get("type").asText()).isEqualTo("output");
    }

    @Test
    void findsTheFirstByteToEscapeInEveryPositionOfAWord() {
        for (byte special : new byte[] {0, 0x1f, '"', '\\', '\n'}) {
            for (int at = 0; at < 24; at++) {
                byte[] bytes = "abcdefgh\u00e9ijklmnopqrstuvwxyz".getBytes(StandardCharsets.UTF_8);
                bytes[at] = special;
                assertThat(Utf8JsonText.nextToEscape(bytes, 0, bytes.length)).isEqualTo(at);
                assertThat(Utf8JsonText.nextToEscape(bytes, at + 1, bytes.length)).isEqualTo(bytes.length);
            }
        }
    }

    private static String printed(ToolEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JsonEventPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8)).accept(event);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String jsonTree(ToolEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JsonLines(new PrintStream(bytes, true, StandardCharsets.UTF_8)).print(EventJson.toJson(event));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

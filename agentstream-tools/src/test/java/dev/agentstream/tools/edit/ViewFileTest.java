package dev.agentstream.tools.edit;

import static dev.agentstream.tools.edit.EditAssertions.assertInputError;
import static dev.agentstream.tools.edit.EditAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ViewFileTest extends EditToolCalls {

    @Test
    void aFileIsShownExactlyAsCatDashNShowsIt() throws Exception {
        StringBuilder content = new StringBuilder();
        for (int i = 1; i <= 1200; i++) content.append(i % 7 == 0 ? "\tindented " : "line ").append(i).append(i % 11 == 0 ? "  " : "").append('\n');
        content.append("\n\nü — ünïcode\n");
        Path file = Files.writeString(tmp.resolve("a.txt"), content);

        EditCalls.Recorded view = assertOk(calls.call("command", "view", "path", file));

        String catN = catDashN(file);
        assertThat(view.streamedText()).isEqualTo(catN);
        assertThat(view.text()).isEqualTo(catN);
        assertThat(view.meta()).containsEntry("totalLines", 1203L).containsEntry("firstLine", 1L).containsEntry("lastLine", 1203L)
                .containsEntry("truncated", false).containsEntry("lineEnding", "LF");
    }

    @Test
    void aLastLineWithoutLineBreakIsShownAndCounted() throws Exception {
        Path file = Files.writeString(tmp.resolve("a.txt"), "alpha\n\tbeta\ngamma");
        EditCalls.Recorded view = assertOk(calls.call("command", "view", "path", file));
        assertThat(view.text()).isEqualTo("     1\talpha\n     2\t\tbeta\n     3\tgamma\n");
        assertThat(view.meta()).containsEntry("totalLines", 3L);
    }

    @Test
    void lineNumbersWiderThanSixDigitsPushTheTabRightAsCatDoes() {
        StringBuilder out = new StringBuilder();
        Lines.appendNumber(out, 7);
        Lines.appendNumber(out, 123456);
        Lines.appendNumber(out, 1234567);
        assertThat(out.toString()).isEqualTo("     7\t123456\t1234567\t");
    }

    @Test
    void viewRangeShowsOnlyThoseLinesWithTheirOwnNumbers() throws Exception {
        Path file = Files.writeString(tmp.resolve("a.txt"), numberedLines(10));
        assertThat(assertOk(calls.call("command", "view", "path", file, "view_range", List.of(3, 5))).text())
                .isEqualTo("     3\tline 3\n     4\tline 4\n     5\tline 5\n");
        assertThat(assertOk(calls.call("command", "view", "path", file, "view_range", List.of(9, -1))).text())
                .isEqualTo("     9\tline 9\n    10\tline 10\n");
        assertThat(assertOk(calls.call("command", "view", "path", file, "view_range", List.of(10, 10))).text())
                .isEqualTo("    10\tline 10\n");
    }

    @Test
    void aRangeThatStopsEarlyDoesNotReadTheRestOfTheFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("a.txt"), numberedLines(200_000));
        EditCalls.Recorded view = assertOk(calls.call("command", "view", "path", file, "view_range", List.of(1, 2)));
        assertThat(view.text()).isEqualTo("     1\tline 1\n     2\tline 2\n");
        assertThat(view.meta()).doesNotContainKey("totalLines"); // it stopped at line 2, so it never learned the count
    }

    @Test
    void aRangeStartingPastTheEndIsRejectedWithTheRealLineCount() throws Exception {
        Path lf = Files.writeString(tmp.resolve("lf.txt"), numberedLines(12));
        Path unterminated = Files.writeString(tmp.resolve("open.txt"), "one\ntwo\nthree");
        Path utf16 = tmp.resolve("utf16.txt");
        Files.write(utf16, withBom(new byte[] {(byte) 0xFF, (byte) 0xFE}, "one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_16LE)));

        assertThat(assertInputError(calls.call("command", "view", "path", lf, "view_range", List.of(13, 20))))
                .contains("view_range [13, 20]").contains("has 12 lines");
        assertThat(assertInputError(calls.call("command", "view", "path", lf, "view_range", List.of(40, -1))))
                .contains("has 12 lines");
        assertThat(assertInputError(calls.call("command", "view", "path", unterminated, "view_range", List.of(4, -1))))
                .contains("has 3 lines");
        assertThat(assertOk(calls.call("command", "view", "path", unterminated, "view_range", List.of(3, -1))).text())
                .isEqualTo("     3\tthree\n");
        assertThat(assertInputError(calls.call("command", "view", "path", utf16, "view_range", List.of(7, 9))))
                .contains("has 3 lines");
    }

    @Test
    void malformedRangesAreRejected() throws Exception {
        Path file = Files.writeString(tmp.resolve("a.txt"), numberedLines(5));
        assertThat(assertInputError(calls.call("command", "view", "path", file, "view_range", List.of(0, 3)))).contains("numbered from 1");
        assertThat(assertInputError(calls.call("command", "view", "path", file, "view_range", List.of(4, 2)))).contains("ends before it starts");
        assertThat(assertInputError(calls.call("command", "view", "path", file, "view_range", List.of(1, 2, 3)))).contains("two whole numbers");
        assertThat(assertInputError(calls.call("command", "view", "path", file, "view_range", List.of("a", 2)))).contains("two whole numbers");
        assertThat(assertInputError(calls.call("command", "view", "path", file, "view_range", 3))).contains("two whole numbers");
    }

    @Test
    void aRangeEndingPastTheEndShowsUpToTheLastLineAndSaysSo() throws Exception {
        Path file = Files.writeString(tmp.resolve("a.txt"), numberedLines(3));
        EditCalls.Recorded view = assertOk(calls.call("command", "view", "path", file, "view_range", List.of(2, 50)));
        assertThat(view.text()).startsWith("     2\tline 2\n     3\tline 3\n").contains("the file has only 3 lines");
    }

    @Test
    void maxCharactersCutsTheViewAndSaysWhereToContinue() throws Exception {
        Path file = Files.writeString(tmp.resolve("a.txt"), numberedLines(1000));
        EditCalls.Recorded view = assertOk(calls.call("command", "view", "path", file, "max_characters", 100));
        // 100 chars hold lines 1-7 (14 chars each); line 8's number would not fit whole, so the cut comes before it
        assertThat(view.streamedText()).hasSize(98).startsWith("     1\tline 1\n").endsWith("     7\tline 7\n");
        assertThat(view.text()).contains("continue with view_range [8, -1]");
        assertThat(view.meta()).containsEntry("maxCharactersReached", true).containsEntry("lastLine", 7L);

        EditCalls.Recorded midLine = assertOk(calls.call("command", "view", "path", file, "max_characters", 110));
        assertThat(midLine.streamedText()).hasSize(110).endsWith("     7\tline 7\n     8\tline ");
        assertThat(midLine.text()).contains("continue with view_range [8, -1]");

        EditCalls.Recorded wide = assertOk(calls.call("command", "view", "path", file, "max_characters", 1_000_000));
        assertThat(wide.meta()).doesNotContainKey("maxCharactersReached").containsEntry("totalLines", 1000L);
    }

    @Test
    void maxCharactersNeverCutsALineNumberInHalf() throws Exception {
        Path file = Files.writeString(tmp.resolve("a.txt"), numberedLines(10));
        EditCalls.Recorded view = assertOk(calls.call("command", "view", "path", file, "max_characters", 17));
        assertThat(view.streamedText()).isEqualTo("     1\tline 1\n");
        assertThat(view.text()).contains("view_range [2, -1]");
    }

    @Test
    void aToolWideMaxCharactersAppliesWhenTheCallGivesNone() throws Exception {
        Path file = Files.writeString(tmp.resolve("a.txt"), numberedLines(1000));
        try (EditCalls limited = new EditCalls(new EditTool(dev.agentstream.tools.Workspace.unrestricted(), 50), tmp.resolve("spool"))) {
            assertThat(assertOk(limited.call("command", "view", "path", file)).streamedText()).hasSize(50);
            assertThat(assertOk(limited.call("command", "view", "path", file, "max_characters", 70)).streamedText()).hasSize(70);
        }
    }

    @Test
    void aLargeFileArrivesInSeveralChunksWithProgressByBytesRead() throws Exception {
        Path file = Files.writeString(tmp.resolve("big.txt"), numberedLines(200_000));
        long size = Files.size(file);
        EditCalls.Recorded view = assertOk(calls.call("command", "view", "path", file));
        assertThat(view.outputs()).hasSizeGreaterThan(10)
                .allSatisfy(o -> assertThat(o.text().length()).isLessThanOrEqualTo(Utf8LineNumberer.MAX_CHUNK_BYTES));
        assertThat(view.progress()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.fraction()).isPresent();
            assertThat(p.fraction().getAsDouble()).isBetween(0.0, 1.0);
            assertThat(p.counters().get("bytes")).isPositive().isLessThanOrEqualTo(size);
        });
        assertThat(view.events().getFirst()).isInstanceOf(ToolEvent.Started.class);
        // the first output event comes before the call ends, and long before the whole file was shown
        assertThat(view.outputs().getFirst().text()).startsWith("     1\tline 1\n");
    }

    @Test
    void aViewCutAtMaxCharactersAndLeftOutInTheMiddleSaysBothWhereToReadOn() throws Exception {
        Path file = Files.writeString(tmp.resolve("big.txt"), numberedLines(50_000));
        String text = assertOk(calls.call("command", "view", "path", file, "max_characters", 100_000)).text();
        assertThat(text).contains("omitted; to read them, see the note at the end ...]\n")
                .containsPattern("\n\\[the middle of this view, lines [0-9]+-[0-9]+, was left out to fit the output budget; use view_range to"
                        + " read them part by part]\n\\[output cut at max_characters; continue with view_range \\[[0-9]+, -1]]\n$");
    }

    @Test
    void theMiddleOfOneLongLineIsReadWithTheBashCommandTheViewGives() throws Exception {
        StringBuilder line = new StringBuilder();
        for (int i = 0; line.length() < 300_000; i++) line.append("w").append(i).append(' ');
        Path file = Files.writeString(Files.createDirectories(tmp.resolve("it's here")).resolve("one line.txt"), "first\n" + line + "\n");
        String text = assertOk(calls.call("command", "view", "path", file, "view_range", List.of(2, 2))).text();
        java.util.regex.Matcher hint = java.util.regex.Pattern.compile("\\[the middle of line 2 was left out to fit the output budget; read parts"
                + " of it with bash, e\\.g\\. its bytes 100,001-200,000: (.*)]\n$").matcher(text);
        assertThat(hint.find()).as(text).isTrue();
        Process bash = new ProcessBuilder("bash", "-c", hint.group(1)).redirectErrorStream(true).start();
        String part = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor()).isZero();
        assertThat(part).isEqualTo(line.substring(100_000, 200_000));
    }

    @Test
    void chunksOfAsciiAndOfOtherTextStreamAsCatDashNAndTheModelSeesTheEnd() throws Exception {
        // ASCII chunks are handed on as bytes (their text made when asked for), a chunk with é in it as text
        String ascii = numberedLines(40_000);
        Path file = Files.writeString(tmp.resolve("mixed.txt"), ascii + "caf\u00e9 in the middle\n" + ascii + "the last line\n");
        EditCalls.Recorded view = assertOk(calls.call("command", "view", "path", file));
        assertThat(view.streamedText()).isEqualTo(catDashN(file));
        assertThat(view.outputs()).allSatisfy(o -> assertThat(o.utf8()).isEqualTo(o.text().getBytes(StandardCharsets.UTF_8)));
        assertThat(view.text()).containsPattern(" 80002\tthe last line\n\\[the middle of this view, lines [0-9]+-[0-9]+, was left out to fit"
                + " the output budget; use view_range to read them part by part]\n$");
        assertThat(view.meta()).containsEntry("bytes", (long) catDashN(file).getBytes(StandardCharsets.UTF_8).length)
                .containsEntry("lines", 80_002L).containsEntry("encoding", "UTF-8");
    }

    @Test
    void closingTheStreamCancelsAViewMidway() throws Exception {
        Path file = tmp.resolve("big.txt");
        try (var out = Files.newBufferedWriter(file)) { // about 40 MB, written without holding it (the suite also runs at -Xmx64m)
            for (int i = 1; i <= 3_000_000; i++) out.append("line ").append(Integer.toString(i)).append('\n');
        }
        ToolEvent terminal;
        try (ToolStream stream = calls.start(java.util.Map.of("command", "view", "path", file.toString()))) {
            for (ToolEvent event : stream) {
                if (event instanceof ToolEvent.Output) break; // the first chunk is enough
            }
            stream.close();
            terminal = stream.terminal().orElseThrow();
        }
        ToolResult result = ToolRegistry.resultOf(terminal);
        assertThat(result.metadata()).containsEntry("cancelled", true).doesNotContainKey("totalLines");
        assertThat(result.text()).contains("cancelled before the end of the file");
    }

    @Test
    void whatTheModelGetsStaysWithinTheBudgetAndTheLinesLeftOutAreReadFromTheFileNotASpoolCopy() throws Exception {
        Path file = Files.writeString(tmp.resolve("big.txt"), numberedLines(50_000));
        EditCalls.Recorded view = assertOk(calls.call("command", "view", "path", file));
        String text = view.text();
        assertThat(text.length()).isLessThanOrEqualTo(30_000 + 600);
        assertThat(text).startsWith("     1\tline 1\n").contains("use view_range").contains(" 50000\tline 50000\n");
        assertThat(view.meta()).containsEntry("truncated", true).containsEntry("totalLines", 50_000L).doesNotContainKey("spoolPath");
        assertThat(view.streamedText()).isEqualTo(catDashN(file));
        // the marker's count is the lines between head and tail, and view_range gives exactly them
        java.util.regex.Matcher marker = java.util.regex.Pattern.compile(
                "\n\\[\\.\\.\\. ([0-9,]+) lines \\([^)]*\\) omitted; to read them, see the note at the end \\.\\.\\.]\n").matcher(text);
        assertThat(marker.find()).as(text).isTrue();
        String head = text.substring(0, marker.start() + 1);
        long lastShown = head.lines().count();
        long omitted = Long.parseLong(marker.group(1).replace(",", ""));
        assertThat(text.substring(marker.end())).startsWith(String.format("%6d\t", lastShown + omitted + 1));
        String middle = assertOk(calls.call("command", "view", "path", file, "view_range", List.of(lastShown + 1, lastShown + omitted))).streamedText();
        assertThat(head + middle).isEqualTo(catDashN(file).substring(0, head.length() + middle.length()));
        assertThat(middle.lines().count()).isEqualTo(omitted);
        assertThat(text).endsWith("[the middle of this view, lines " + (lastShown + 1) + "-" + (lastShown + omitted)
                + ", was left out to fit the output budget; use view_range to read them part by part]\n");
        try (var spooled = Files.walk(tmp.resolve("spool"))) {
            assertThat(spooled.filter(Files::isRegularFile)).as("nothing copied into the spool").isEmpty();
        }
    }

    @Test
    void crlfLinesAreShownWithoutTheirCarriageReturnsAcrossReadBoundaries() throws Exception {
        Random random = new Random(7);
        StringBuilder crlf = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 40_000; i++) {
            String line = "x".repeat(random.nextInt(60)) + i;
            crlf.append(line).append("\r\n");
            Lines.appendNumber(expected, i);
            expected.append(line).append('\n');
        }
        Path file = Files.writeString(tmp.resolve("crlf.txt"), crlf);
        EditCalls.Recorded view = assertOk(calls.call("command", "view", "path", file, "max_characters", 10_000_000));
        assertThat(view.streamedText()).isEqualTo(expected.toString());
        assertThat(view.meta()).containsEntry("lineEnding", "CRLF");
    }

    @Test
    void utf8WithBomAndUtf16AreDecoded() throws Exception {
        Path bom8 = tmp.resolve("bom8.txt");
        Files.write(bom8, withBom(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "grüße\nzwei\n".getBytes(StandardCharsets.UTF_8)));
        Path le = tmp.resolve("le.txt");
        Files.write(le, withBom(new byte[] {(byte) 0xFF, (byte) 0xFE}, "grüße\r\nzwei\r\n".getBytes(StandardCharsets.UTF_16LE)));
        Path be = tmp.resolve("be.txt");
        Files.write(be, withBom(new byte[] {(byte) 0xFE, (byte) 0xFF}, "grüße\nzwei".getBytes(StandardCharsets.UTF_16BE)));

        String expected = "     1\tgrüße\n     2\tzwei\n";
        assertThat(assertOk(calls.call("command", "view", "path", bom8)).text()).isEqualTo(expected);
        assertThat(assertOk(calls.call("command", "view", "path", le)).text()).isEqualTo(expected);
        assertThat(assertOk(calls.call("command", "view", "path", be)).text()).isEqualTo(expected);
        assertThat(assertOk(calls.call("command", "view", "path", le, "view_range", List.of(2, -1))).text()).isEqualTo("     2\tzwei\n");
        assertThat(assertOk(calls.call("command", "view", "path", bom8, "view_range", List.of(2, -1))).text()).isEqualTo("     2\tzwei\n");
    }

    @Test
    void aBinaryFileIsAClearError() throws Exception {
        Path file = tmp.resolve("blob.bin");
        Files.write(file, new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0});
        assertThat(assertInputError(calls.call("command", "view", "path", file))).contains("binary").contains("xxd");
    }

    @Test
    void anEmptyFileAndAMissingFileAreNamedAsSuch() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.txt"));
        assertThat(assertOk(calls.call("command", "view", "path", empty)).text()).isEqualTo(empty + " is empty.");
        assertThat(assertInputError(calls.call("command", "view", "path", tmp.resolve("nope.txt")))).contains("does not exist");
    }

    static String numberedLines(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= n; i++) s.append("line ").append(i).append('\n');
        return s.toString();
    }

    static byte[] withBom(byte[] bom, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bom);
        out.writeBytes(body);
        return out.toByteArray();
    }

    static String catDashN(Path file) throws Exception {
        Process cat = new ProcessBuilder("cat", "-n", file.toString()).redirectErrorStream(true).start();
        String out = new String(cat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cat.waitFor()).isZero();
        return out;
    }
}

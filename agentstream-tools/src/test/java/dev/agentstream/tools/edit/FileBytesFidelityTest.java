package dev.agentstream.tools.edit;

import static dev.agentstream.tools.edit.EditAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the editor shows is the file's text itself, so any of it can be copied back into an edit. */
class FileBytesFidelityTest extends EditToolCalls {

    private static final String ESC = "\u001b";

    @Test
    void carriageReturnsEscapesAndControlsRoundTripFromViewIntoStrReplace() throws Exception {
        String content = "#!/bin/sh\n"
                + "printf 'p 10%\rp 100%\\n'\n"
                + "echo '" + ESC + "[31mred" + ESC + "[0m'\n"
                + "bell\u0007 back\b soh\u0001 del\u007f c1\u0085 end\n"
                + "last\n";
        Path file = Files.writeString(tmp.resolve("script.sh"), content);

        EditCalls.Recorded view = assertOk(calls.call("command", "view", "path", file));
        List<String> shown = linesOf(view.text());
        assertThat(String.join("\n", shown) + "\n").isEqualTo(content);

        String oldStr = shown.get(1) + "\n" + shown.get(2) + "\n" + shown.get(3);
        EditCalls.Recorded edit = assertOk(calls.call("command", "str_replace", "path", file, "old_str", oldStr, "new_str", "replaced"));
        assertThat(Files.readString(file)).isEqualTo("#!/bin/sh\nreplaced\nlast\n");
        assertThat(edit.text()).contains("     2\treplaced\n");

        // the snippet after an edit shows the file as it is, controls included
        assertOk(calls.call("command", "str_replace", "path", file, "old_str", "replaced", "new_str", "a\rb" + ESC + "[1m"));
        EditCalls.Recorded again = calls.call("command", "view", "path", file);
        assertThat(again.text()).contains("     2\ta\rb" + ESC + "[1m\n");
    }

    @Test
    void aFileThatReportsSizeZeroIsReadByReading() throws Exception {
        Path meminfo = Path.of("/proc/meminfo");
        EditCalls.Recorded view = assertOk(calls.call("command", "view", "path", meminfo));
        assertThat(view.text()).startsWith("     1\tMemTotal:");
        assertThat((Long) view.meta().get("totalLines")).isGreaterThan(5L);
        long fresh = Files.readAllBytes(meminfo).length; // the counters change between reads, their number of lines does not
        assertThat((Long) view.meta().get("fileBytes")).isBetween(fresh - 200, fresh + 200);

        EditCalls.Recorded range = assertOk(calls.call("command", "view", "path", meminfo, "view_range", List.of(2, 3)));
        assertThat(range.text()).startsWith("     2\tMemFree:").contains("     3\t").doesNotContain("     4\t");
    }

    @Test
    void aViewRangeOfAnEmptyFileIsRefused() throws Exception {
        Path empty = Files.writeString(tmp.resolve("empty.txt"), "");
        String error = EditAssertions.assertInputError(calls.call("command", "view", "path", empty, "view_range", List.of(3, 5)));
        assertThat(error).contains("empty").contains("without view_range");
    }

    @Test
    void aCutInsideOneHugeLineSuggestsWhereToContinueThatMovesForward() throws Exception {
        String huge = "é".repeat(2000) + "tail-of-the-line";
        Path file = Files.writeString(tmp.resolve("min.js"), huge + "\nsecond\n");
        EditCalls.Recorded view = assertOk(calls.call("command", "view", "path", file, "max_characters", 1000));
        assertThat(view.streamedText()).hasSize(1000);
        // 993 chars of line 1 were shown (1000 minus the 7-char number), 2 bytes each
        assertThat(view.text()).contains("continue with view_range [2, -1]").contains("tail -c +1987");
        String command = view.text().substring(view.text().indexOf("sed -n"), view.text().lastIndexOf(']'));
        Process bash = new ProcessBuilder("bash", "-c", command).start();
        String rest = utf8(bash.getInputStream().readAllBytes());
        assertThat(bash.waitFor()).isZero();
        assertThat(FileBytesFidelityTest.linesOf(view.text()).getFirst() + rest).isEqualTo(huge + "\n");

        EditCalls.Recorded next = assertOk(calls.call("command", "view", "path", file, "view_range", List.of(2, -1), "max_characters", 1000));
        assertThat(next.text()).startsWith("     2\tsecond\n");
    }

    @Test
    void aLatin1FileSaysWhichEncodingWasAssumedAndThatBytesWereReplaced() throws Exception {
        Path file = Files.write(tmp.resolve("latin1.txt"), "caf\u00e9 cr\u00e8me\n".getBytes(StandardCharsets.ISO_8859_1));
        EditCalls.Recorded view = assertOk(calls.call("command", "view", "path", file));
        assertThat(view.text()).startsWith("     1\tcaf\uFFFD cr\uFFFDme\n").contains("2 bytes of this file are not valid UTF-8");
        assertThat(view.meta()).containsEntry("replacedBytes", 2L);
        assertThat((String) view.meta().get("encoding")).startsWith("UTF-8").contains("replaced");

        Path clean = Files.writeString(tmp.resolve("utf8.txt"), "caf\u00e9\n");
        assertThat(assertOk(calls.call("command", "view", "path", clean)).meta()).containsEntry("encoding", "UTF-8").doesNotContainKey("replacedBytes");
    }

    @Test
    void aNulAfterTheFirst8KiBIsShownNotDropped() throws Exception {
        Path file = Files.writeString(tmp.resolve("late-nul.txt"), "a".repeat(9000) + "\nx\u0000y\n");
        EditCalls.Recorded view = assertOk(calls.call("command", "view", "path", file, "view_range", List.of(2, 2)));
        assertThat(view.text()).startsWith("     2\tx\u0000y\n");
    }

    @Test
    void oldStrMatchesAcrossMixedLineEndingsAndTheErrorSaysWhenItDoesNot() throws Exception {
        Path file = Files.writeString(tmp.resolve("mixed.txt"), "a\r\nb\r\nc\nd\r\n");
        EditCalls.Recorded edit = assertOk(calls.call("command", "str_replace", "path", file, "old_str", "c\nd", "new_str", "C\nD"));
        assertThat(Files.readString(file)).isEqualTo("a\r\nb\r\nC\r\nD\r\n");
        assertThat(edit.text()).contains("     3\tC\n     4\tD\n");

        Files.writeString(file, "a\r\nb\r\nc\nd\r\n");
        assertOk(calls.call("command", "str_replace", "path", file, "old_str", "b\nc\nd", "new_str", "bcd"));
        assertThat(Files.readString(file)).isEqualTo("a\r\nbcd\r\n");

        Files.writeString(file, "x\r\ny\nx\ny\r\n");
        String twice = EditAssertions.assertInputError(calls.call("command", "str_replace", "path", file, "old_str", "x\ny", "new_str", "z"));
        assertThat(twice).contains("occurs 2 times").contains("[1, 3]");
        String none = EditAssertions.assertInputError(calls.call("command", "str_replace", "path", file, "old_str", "y\nq", "new_str", "z"));
        assertThat(none).contains("occurs 0 times").contains("mixes both").contains("line endings");
        assertThat(Files.readString(file)).isEqualTo("x\r\ny\nx\ny\r\n");
    }

    @Test
    void editsKeepSetuidSetgidAndStickyBits() throws Exception {
        for (int mode : new int[] {02754, 04755, 01644, 06711}) {
            Path file = Files.writeString(tmp.resolve("mode-" + Integer.toOctalString(mode)), "old\n");
            Files.setAttribute(file, "unix:mode", mode);
            assertThat((Integer) Files.getAttribute(file, "unix:mode") & 07777).isEqualTo(mode);
            assertOk(calls.call("command", "str_replace", "path", file, "old_str", "old", "new_str", "new"));
            assertOk(calls.call("command", "insert", "path", file, "insert_line", 1, "insert_text", "more"));
            assertThat(Files.readString(file)).isEqualTo("new\nmore\n");
            assertThat(Integer.toOctalString((Integer) Files.getAttribute(file, "unix:mode") & 07777)).isEqualTo(Integer.toOctalString(mode));
        }
    }

    @Test
    void aHardLinkedFileIsEditedInPlaceSoEveryNameSeesTheChange() throws Exception {
        Path file = Files.writeString(tmp.resolve("a.txt"), "one\ntwo\n");
        Path other = Files.createLink(tmp.resolve("b.txt"), file);
        EditCalls.Recorded edit = assertOk(calls.call("command", "str_replace", "path", file, "old_str", "two", "new_str", "a much longer second line"));
        assertThat(Files.readString(other)).isEqualTo("one\na much longer second line\n");
        assertThat(Files.isSameFile(file, other)).isTrue();
        assertThat(edit.meta()).containsEntry("inPlace", true).containsEntry("hardLinks", 2);
        assertThat(edit.text()).contains("has 2 hard links, so it was rewritten in place");

        assertOk(calls.call("command", "str_replace", "path", other, "old_str", "a much longer second line", "new_str", "2"));
        assertThat(Files.readString(file)).isEqualTo("one\n2\n");
        assertOk(calls.call("command", "undo_edit", "path", other));
        assertThat(Files.readString(file)).isEqualTo("one\na much longer second line\n");
        assertThat(Files.getAttribute(file, "unix:nlink")).isEqualTo(2);
        try (var entries = Files.list(tmp)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.txt", "b.txt", "spool");
        }
    }

    /** The text of each line of a {@code cat -n} view, without its number. */
    static List<String> linesOf(String numbered) {
        List<String> lines = new ArrayList<>();
        for (String line : numbered.split("\n", -1)) {
            int tab = line.indexOf('\t');
            if (tab > 0 && line.substring(0, tab).isBlank() == false && line.substring(0, tab).strip().matches("\\d+")) {
                lines.add(line.substring(tab + 1));
            }
        }
        return lines;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

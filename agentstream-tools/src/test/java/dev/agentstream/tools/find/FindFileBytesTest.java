package dev.agentstream.tools.find;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.tools.fs.ToolRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Matching lines are shown as the file holds them, and found wherever in the file they are. */
class FindFileBytesTest {

    @TempDir
    Path tmp;
    Path root;
    ToolRun calls;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(tmp.resolve("project"));
        calls = new ToolRun(new FindTool(), tmp.resolve("spool"));
    }

    @AfterEach
    void tearDown() {
        calls.close();
    }

    private ToolRun.Recorded find(Object... keysAndValues) {
        Map<String, Object> input = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) input.put((String) keysAndValues[i], keysAndValues[i + 1]);
        input.putIfAbsent("path", root.toString());
        return calls.run(input);
    }

    @Test
    void aMatchingLineIsShownWithItsCarriageReturnsAndEscapes() throws Exception {
        Path f = Files.writeString(root.resolve("p.txt"), "p 10%\rp 100%\nred \u001b[31mx\u001b[0m\n");
        assertThat(find("pattern", "p 1").streamed()).isEqualTo(f + ":1:p 10%\rp 100%\n");
        assertThat(find("pattern", "x").streamed()).isEqualTo(f + ":2:red \u001b[31mx\u001b[0m\n");
    }

    @Test
    void wordClassesAndBoundariesAreUnicodeAsInRipgrep() throws Exception {
        Path f = Files.writeString(root.resolve("menu.txt"), "café au lait\ncafe\nnaïve\n");
        assertThat(find("pattern", "caf\\w\\b", "regex", true).streamed()).isEqualTo(f + ":1:café au lait\n" + f + ":2:cafe\n");
        assertThat(find("pattern", "\\bna\\w+ve\\b", "regex", true).streamed()).isEqualTo(f + ":3:naïve\n");
    }

    @Test
    void aNeedleAcrossThe1MiBMarkIsFoundAndTwoMatchesInOneLongLineAreOneResult() throws Exception {
        int mark = 1 << 20;
        StringBuilder line = new StringBuilder("x".repeat(mark - 3)).append("needle").append("y".repeat(mark)).append("needle").append("z".repeat(10));
        Path f = Files.writeString(root.resolve("long.txt"), "first\n" + line + "\nlast needle\n");
        for (Object[] search : new Object[][] {{"needle", false}, {"NEEDLE", false}, {"ne+dle", true}}) {
            ToolRun.Recorded r = find("pattern", search[0], "regex", search[1], "case_sensitive", !search[0].equals("NEEDLE"));
            String streamed = r.streamed();
            assertThat(streamed.lines().toList()).as("%s", search[0]).hasSize(2);
            assertThat(streamed.lines().toList().get(0)).startsWith(f + ":2:[... ").contains("needle");
            assertThat(streamed.lines().toList().get(1)).isEqualTo(f + ":3:last needle");
            assertThat(r.meta()).containsEntry("matches", 2L);
        }
        // the part left out is counted from the start of the line, not of a piece
        String shown = find("pattern", "needle").streamed().lines().findFirst().orElseThrow();
        java.util.regex.Matcher cut = java.util.regex.Pattern.compile(":2:\\[\\.\\.\\. (\\d+) chars] (\\S+)").matcher(shown);
        assertThat(cut.find()).as(shown).isTrue();
        assertThat(line.substring(Integer.parseInt(cut.group(1)))).startsWith(cut.group(2)).contains("needle");
    }

    @Test
    void utf16FilesWithAByteOrderMarkAreSearchedAsTheirText() throws Exception {
        String text = "line one\r\nnaïve 𝄞 needle\r\nthree\r\n";
        Path le = Files.write(root.resolve("le.txt"), concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(java.nio.charset.StandardCharsets.UTF_16LE)));
        Path be = Files.write(root.resolve("be.txt"), concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(java.nio.charset.StandardCharsets.UTF_16BE)));
        ToolRun.Recorded r = find("pattern", "needle");
        assertThat(r.sortedLines()).containsExactly(be + ":2:naïve 𝄞 needle", le + ":2:naïve 𝄞 needle");
        assertThat(r.meta()).containsEntry("binarySkipped", 0L);
    }

    @Test
    void aNulAfterTheFirst8KiBIsKeptInTheShownLine() throws Exception {
        Path f = Files.writeString(root.resolve("late.txt"), "a".repeat(9000) + "\nx\u0000y needle\n");
        assertThat(find("pattern", "needle").streamed()).isEqualTo(f + ":2:x\u0000y needle\n");
    }

    @Test
    void aNameThatIsNotUtf8IsShownInAFormTheToolsTakeBack() throws Exception {
        Path dir = Files.createDirectories(root.resolve("names"));
        // a Latin-1 name made through bash, which passes bytes as they are
        Process make = new ProcessBuilder("bash", "-c", "printf 'needle\\n' > \"$(printf 'caf\\xe9.txt')\"").directory(dir.toFile()).start();
        assertThat(make.waitFor()).isZero();
        String shown = find("pattern", "needle").streamed();
        String expectedPath = dir + "/caf\\xE9.txt";
        assertThat(shown).isEqualTo(expectedPath + ":1:needle\n");

        ToolRun.Recorded again = find("path", expectedPath, "pattern", "needle");
        assertThat(again.streamed()).isEqualTo(expectedPath + ":1:needle\n");
        try (ToolRun tree = new ToolRun(new dev.agentstream.tools.tree.TreeTool(), tmp.resolve("spool-tree"))) {
            assertThat(tree.run(Map.of("path", dir.toString())).text()).contains("caf\\xE9.txt");
        }
        try (ToolRun edit = new ToolRun(new dev.agentstream.tools.edit.EditTool(), tmp.resolve("spool-edit"))) {
            ToolRun.Recorded view = edit.run(Map.of("command", "view", "path", expectedPath));
            assertThat(view.text()).isEqualTo("     1\tneedle\n");
            assertThat(edit.run(Map.of("command", "view", "path", dir.toString())).text()).contains(expectedPath);
            assertThat(edit.run(Map.of("command", "str_replace", "path", expectedPath, "old_str", "needle", "new_str", "pin")).isError()).isFalse();
        }
        Process cat = new ProcessBuilder("bash", "-c", "cat \"$(printf 'caf\\xe9.txt')\"").directory(dir.toFile()).start();
        assertThat(new String(cat.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("pin\n");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

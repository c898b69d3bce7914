package dev.agentstream.tools.find;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.tools.fs.ToolRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Context lines, grep style: path-line-text around path:line:text, -- between groups. */
class FindContextTest {

    @TempDir
    Path tmp;
    ToolRun calls;

    @BeforeEach
    void setUp() {
        calls = new ToolRun(new FindTool(), tmp.resolve("spool"));
    }

    @AfterEach
    void tearDown() {
        calls.close();
    }

    private Path numbered(int lines, int... matchAt) throws Exception {
        java.util.Set<Integer> matches = java.util.Arrays.stream(matchAt).boxed().collect(Collectors.toSet());
        String content = IntStream.rangeClosed(1, lines)
                .mapToObj(i -> matches.contains(i) ? "match " + i : "line " + i)
                .collect(Collectors.joining("\n", "", "\n"));
        Path file = tmp.resolve("f.txt");
        Files.writeString(file, content);
        return file;
    }

    private String find(Path file, int context) {
        return calls.run(Map.of("path", file.toString(), "pattern", "match", "context", context)).streamed()
                .replace(file.toString(), "F");
    }

    @Test
    void contextLinesSurroundAMatch() throws Exception {
        Path f = numbered(10, 5);
        assertThat(find(f, 2)).isEqualTo("""
                F-3-line 3
                F-4-line 4
                F:5:match 5
                F-6-line 6
                F-7-line 7
                """);
    }

    @Test
    void contextIsClippedAtTheStartAndEndOfTheFile() throws Exception {
        Path f = numbered(3, 1, 3);
        assertThat(find(f, 5)).isEqualTo("""
                F:1:match 1
                F-2-line 2
                F:3:match 3
                """);
    }

    @Test
    void separateGroupsAreDividedAndTouchingGroupsMerge() throws Exception {
        Path f = numbered(20, 3, 6, 15);
        assertThat(find(f, 1)).isEqualTo("""
                F-2-line 2
                F:3:match 3
                F-4-line 4
                F-5-line 5
                F:6:match 6
                F-7-line 7
                --
                F-14-line 14
                F:15:match 15
                F-16-line 16
                """);
    }

    @Test
    void contextCrossesTheBoundaryBetweenReadChunks() throws Exception {
        // Lines of exactly 16 bytes: the first 64 KiB chunk ends right after line 4096.
        StringBuilder content = new StringBuilder();
        for (int i = 1; i <= 10_000; i++) {
            String text = (i == 4097 || i == 4096 + 4096 - 1 ? "match" : "line") + " " + i;
            content.append(text).append(" ".repeat(15 - text.length())).append('\n');
        }
        Path f = tmp.resolve("chunks.txt");
        Files.writeString(f, content.toString());
        String out = calls.run(Map.of("path", f.toString(), "pattern", "match", "context", 2)).streamed()
                .replace(f.toString(), "F");
        assertThat(out.lines().map(String::strip).toList()).containsExactly(
                "F-4095-line 4095", "F-4096-line 4096", "F:4097:match 4097", "F-4098-line 4098", "F-4099-line 4099",
                "--",
                "F-8189-line 8189", "F-8190-line 8190", "F:8191:match 8191", "F-8192-line 8192", "F-8193-line 8193");
    }

    @Test
    void withoutContextThereAreNoSeparators() throws Exception {
        Path f = numbered(10, 2, 8);
        assertThat(find(f, 0)).isEqualTo("F:2:match 2\nF:8:match 8\n");
    }
}

package dev.agentstream.tools.find;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.tools.fs.ToolRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FindToolTest {

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

    private Path write(String relative, String content) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private ToolRun.Recorded find(Map<String, ?> extra) {
        Map<String, Object> input = new java.util.HashMap<>(extra);
        input.putIfAbsent("path", root.toString());
        return calls.run(input);
    }

    @Test
    void matchesStreamAsPathLineTextAndTheResultEndsWithASummary() throws Exception {
        Path a = write("a.txt", "hello world\nnothing\nhello again\n");
        write("b.txt", "no greeting here\n");
        ToolRun.Recorded r = find(Map.of("pattern", "hello"));
        assertThat(r.isError()).isFalse();
        assertThat(r.streamed()).isEqualTo(a + ":1:hello world\n" + a + ":3:hello again\n");
        assertThat(r.text()).isEqualTo(a + ":1:hello world\n" + a + ":3:hello again\n"
                + "[2 matches in 1 file; 2 files searched (49 B)]");
        assertThat(r.meta()).containsEntry("matches", 2L).containsEntry("filesScanned", 2L).containsEntry("capped", false)
                .containsEntry("filesWithMatches", 1L);
    }

    @Test
    void noMatchIsSaidPlainly() throws Exception {
        write("a.txt", "alpha\n");
        ToolRun.Recorded r = find(Map.of("pattern", "omega"));
        assertThat(r.isError()).isFalse();
        assertThat(r.text()).isEqualTo("[no matches; 1 file searched (6 B)]");
        assertThat(r.meta()).containsEntry("matches", 0L);
    }

    @Test
    void aLiteralPatternTakesRegexCharactersAsText() throws Exception {
        Path f = write("f.txt", "a.c\nabc\n(x+y)\n");
        assertThat(find(Map.of("pattern", "a.c")).streamed()).isEqualTo(f + ":1:a.c\n");
        assertThat(find(Map.of("pattern", "(x+y)")).streamed()).isEqualTo(f + ":3:(x+y)\n");
        assertThat(find(Map.of("pattern", "a.c", "regex", true)).sortedLines()).containsExactly(f + ":1:a.c", f + ":2:abc");
    }

    @Test
    void aRegexMatchesWithinLinesAndItsAnchorsAreLineBoundaries() throws Exception {
        Path f = write("f.java", "int count = 42;\nString name;\n  int other = 7;\n");
        assertThat(find(Map.of("pattern", "^int \\w+ = \\d+;$", "regex", true)).streamed()).isEqualTo(f + ":1:int count = 42;\n");
        assertThat(find(Map.of("pattern", "\\d{2}", "regex", true)).streamed()).isEqualTo(f + ":1:int count = 42;\n");
    }

    @Test
    void aRegexNeverMatchesAcrossALineBreak() throws Exception {
        Path f = write("f.txt", "first\nsecond\nfirst second\n");
        ToolRun.Recorded r = find(Map.of("pattern", "first\\s+second", "regex", true));
        assertThat(r.streamed()).isEqualTo(f + ":3:first second\n");
        assertThat(find(Map.of("pattern", "t\\s", "regex", true)).streamed()).isEqualTo(f + ":3:first second\n");
    }

    @Test
    void aRegexThatCanMatchNewlinesStillMatchesWithinOneLine() throws Exception {
        // [^"]* and \s can match a newline: such a pattern is run line by line.
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < 20_000; i++) content.append("key = \"value ").append(i).append('\n');
        content.append("key = \"secret password\"\n");
        Path f = write("config.txt", content.toString());
        ToolRun.Recorded r = find(Map.of("pattern", "\"[^\"]*password", "regex", true));
        assertThat(r.streamed()).isEqualTo(f + ":20001:key = \"secret password\"\n");
        assertThat(find(Map.of("pattern", "value\\s+1\\b", "regex", true)).streamed()).isEqualTo(f + ":2:key = \"value 1\n");
    }

    @Test
    void caseInsensitiveSearchFoldsAsciiAndOtherLetters() throws Exception {
        Path f = write("f.txt", "Hello\nHELLO\nhello\nÉcole\nécole\n");
        assertThat(find(Map.of("pattern", "hello")).streamed()).isEqualTo(f + ":3:hello\n");
        assertThat(find(Map.of("pattern", "hello", "case_sensitive", false)).sortedLines())
                .containsExactly(f + ":1:Hello", f + ":2:HELLO", f + ":3:hello");
        assertThat(find(Map.of("pattern", "ÉCOLE", "case_sensitive", false)).sortedLines())
                .containsExactly(f + ":4:École", f + ":5:école");
        assertThat(find(Map.of("pattern", "h[a-e]llo", "regex", true, "case_sensitive", false)).streamed().lines()).hasSize(3);
    }

    @Test
    void nonAsciiTextIsFoundAndShownIntact() throws Exception {
        Path f = write("f.txt", "größe: 3\nemoji 😀 here\n");
        assertThat(find(Map.of("pattern", "größe")).streamed()).isEqualTo(f + ":1:größe: 3\n");
        assertThat(find(Map.of("pattern", "😀")).streamed()).isEqualTo(f + ":2:emoji 😀 here\n");
    }

    @Test
    void windowsLineEndingsAreNotShown() throws Exception {
        Path f = write("f.txt", "one\r\ntwo match\r\nthree\r\n");
        assertThat(find(Map.of("pattern", "match")).streamed()).isEqualTo(f + ":2:two match\n");
        assertThat(find(Map.of("pattern", "match$", "regex", true)).streamed()).as("$ is before \\n, as in grep").isEmpty();
    }

    @Test
    void includeAndExcludeGlobsChooseFiles() throws Exception {
        Path aJava = write("src/main/A.java", "needle\n");
        Path ts = write("web/app.ts", "needle\n");
        Path tsx = write("web/view.tsx", "needle\n");
        write("web/app.min.js", "needle\n");
        write("vendor/lib/B.java", "needle\n");
        Path readme = write("README.md", "needle\n");
        assertThat(find(Map.of("pattern", "needle", "include", "*.java")).sortedLines())
                .containsExactly(aJava + ":1:needle", root.resolve("vendor/lib/B.java") + ":1:needle");
        assertThat(find(Map.of("pattern", "needle", "include", "*.{ts,tsx}")).sortedLines())
                .containsExactly(ts + ":1:needle", tsx + ":1:needle");
        assertThat(find(Map.of("pattern", "needle", "include", List.of("src/**", "*.md"))).sortedLines())
                .containsExactly(readme + ":1:needle", aJava + ":1:needle");
        assertThat(find(Map.of("pattern", "needle", "include", "*.java", "exclude", "vendor/")).sortedLines())
                .containsExactly(aJava + ":1:needle");
        assertThat(find(Map.of("pattern", "needle", "exclude", List.of("*.min.js", "vendor", "web/*.tsx"))).sortedLines())
                .containsExactly(readme + ":1:needle", aJava + ":1:needle", ts + ":1:needle");
        assertThat(find(Map.of("pattern", "needle", "include", "!*.js")).streamed()).doesNotContain("app.min.js");
    }

    @Test
    void aFileCanBeSearchedByItself() throws Exception {
        Path f = write("deep/one.txt", "x\nneedle\n");
        write("deep/two.txt", "needle\n");
        ToolRun.Recorded r = calls.run(Map.of("path", f.toString(), "pattern", "needle"));
        assertThat(r.streamed()).isEqualTo(f + ":2:needle\n");
        assertThat(r.meta()).containsEntry("filesScanned", 1L);
    }

    @Test
    void aLongLineIsCutWithAMarkerAndAFarMatchStaysVisible() throws Exception {
        String head = "needle" + "x".repeat(994);
        String far = "y".repeat(800) + "needle" + "z".repeat(1194);
        Path f = write("min.js", head + "\n" + far + "\n");
        List<String> lines = find(Map.of("pattern", "needle")).streamed().lines().toList();
        assertThat(lines.get(0)).isEqualTo(f + ":1:" + head.substring(0, 300) + " [... 700 more chars]");
        assertThat(lines.get(1)).isEqualTo(f + ":2:[... 740 chars] " + "y".repeat(60) + "needle" + "z".repeat(234)
                + " [... 960 more chars]");
    }

    @Test
    void lineNumbersStayRightInFilesLargerThanOneReadBuffer() throws Exception {
        StringBuilder content = new StringBuilder();
        for (int i = 1; i <= 50_000; i++) {
            content.append(i % 10_000 == 0 ? "needle at " + i : "filler line " + i).append('\n');
        }
        Path f = write("big.txt", content.toString());
        assertThat(find(Map.of("pattern", "needle")).streamed().lines().toList()).containsExactly(
                f + ":10000:needle at 10000", f + ":20000:needle at 20000", f + ":30000:needle at 30000",
                f + ":40000:needle at 40000", f + ":50000:needle at 50000");
        assertThat(find(Map.of("pattern", "needle at \\d+0000$", "regex", true)).streamed().lines()).hasSize(5);
    }

    @Test
    void aLineLongerThanTheLargestBufferIsSearchedInPieces() throws Exception {
        String huge = "a".repeat((3 << 20) + 5000) + "needle" + "b".repeat(100);
        Path f = write("huge.txt", "before\n" + huge + "\nafter needle\n");
        List<String> lines = find(Map.of("pattern", "needle")).streamed().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith(f + ":2:[... ").contains("needle");
        assertThat(lines.get(1)).isEqualTo(f + ":3:after needle");
    }

    @Test
    void progressCountsFilesBytesAndMatches() throws Exception {
        for (int i = 0; i < 400; i++) write("d" + (i % 10) + "/f" + i + ".txt", "needle " + i + "\n" + "pad\n".repeat(200));
        List<dev.agentstream.core.ToolEvent.Progress> progress = new java.util.ArrayList<>();
        try (dev.agentstream.core.ToolStream stream = calls.start(Map.of("path", root.toString(), "pattern", "needle"))) {
            for (dev.agentstream.core.ToolEvent event : stream) {
                if (event instanceof dev.agentstream.core.ToolEvent.Progress p) progress.add(p);
                if (event instanceof dev.agentstream.core.ToolEvent.Output) Thread.sleep(2); // a slow reader: the search takes a while
            }
        }
        assertThat(progress).isNotEmpty();
        assertThat(progress.getFirst().counters()).containsKeys("files", "bytes", "matches");
        assertThat(progress.getFirst().message()).contains(root.toString());
        assertThat(progress.getLast().counters().get("files")).isGreaterThan(0L);
    }
}

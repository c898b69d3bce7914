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
}

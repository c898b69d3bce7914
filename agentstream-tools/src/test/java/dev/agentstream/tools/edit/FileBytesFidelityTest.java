package dev.agentstream.tools.edit;

import static dev.agentstream.tools.edit.EditAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the editor shows is the file's text itself, so any of it can be copied back into an edit. */
class FileBytesFidelityTest {

    private static final String ESC = "\u001b";

    @TempDir
    Path tmp;

    EditCalls calls;

    @BeforeEach
    void setUp() throws Exception {
        calls = new EditCalls(new EditTool(), Files.createDirectories(tmp.resolve("spool")));
    }

    @AfterEach
    void tearDown() {
        calls.close();
    }

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

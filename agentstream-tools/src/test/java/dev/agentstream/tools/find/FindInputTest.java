package dev.agentstream.tools.find;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.tools.fs.ToolRun;
import dev.agentstream.tools.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input find cannot act on is an error result with one sentence saying what to send. */
class FindInputTest {

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

    private String error(Map<String, ?> input) {
        ToolRun.Recorded r = calls.run(input);
        assertThat(r.isError()).as("an error result").isTrue();
        return r.text();
    }

    @Test
    void missingFieldsAreNamed() {
        assertThat(error(Map.of("pattern", "x"))).contains("'path' is missing");
        assertThat(error(Map.of("path", tmp.toString()))).contains("'pattern' is missing");
        assertThat(error(Map.of("path", tmp.toString(), "pattern", ""))).contains("'pattern' is missing");
    }

    @Test
    void aFieldTheToolDoesNotHaveIsRefusedNotIgnored() throws Exception {
        Files.writeString(tmp.resolve("a.txt"), "Hello\n");
        // Ignored, this would search case-sensitively and report no match for a line that is there.
        assertThat(error(Map.of("path", tmp.toString(), "pattern", "hello", "ignore_case", true)))
                .contains("find has no field 'ignore_case'").contains("case_sensitive");
        ToolRun.Recorded asked = calls.run(Map.of("path", tmp.toString(), "pattern", "hello", "case_sensitive", false));
        assertThat(asked.isError()).isFalse();
        assertThat(asked.text()).contains("a.txt:1:Hello");
    }

    @Test
    void pathsMustBeAbsoluteAndExist() {
        assertThat(error(Map.of("path", "relative/dir", "pattern", "x"))).contains("not an absolute path");
        assertThat(error(Map.of("path", tmp.resolve("nope").toString(), "pattern", "x"))).contains("does not exist");
    }

    @Test
    void anInvalidRegexSaysWhereAndOffersLiteralSearch() {
        assertThat(error(Map.of("path", tmp.toString(), "pattern", "foo(", "regex", true)))
                .contains("not a valid Java regular expression").contains("set 'regex' to false");
    }

    @Test
    void badNumbersGlobsAndMultiLinePatternsAreRefused() {
        assertThat(error(Map.of("path", tmp.toString(), "pattern", "x", "max_results", 0))).contains("'max_results' must be between 1");
        assertThat(error(Map.of("path", tmp.toString(), "pattern", "x", "context", "two"))).contains("'context' must be a whole number");
        assertThat(error(Map.of("path", tmp.toString(), "pattern", "x", "include", List.of("")))).contains("empty glob");
        assertThat(error(Map.of("path", tmp.toString(), "pattern", "x", "include", 3))).contains("string or an array of strings");
        assertThat(error(Map.of("path", tmp.toString(), "pattern", "a\nb"))).contains("single line");
    }

    @Test
    void aWorkspaceKeepsTheSearchInsideItsRoots() throws Exception {
        Path inside = Files.createDirectories(tmp.resolve("inside"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        try (ToolRun restricted = new ToolRun(new FindTool(Workspace.of(List.of(inside))), tmp.resolve("spool"))) {
            ToolRun.Recorded r = restricted.run(Map.of("path", outside.toString(), "pattern", "x"));
            assertThat(r.isError()).isTrue();
            assertThat(r.text()).contains("outside the workspace");
        }
    }

    @Test
    void theSpecHasASchemaAndNoBuiltInType() {
        FindTool tool = new FindTool();
        assertThat(tool.spec().name()).isEqualTo("find");
        assertThat(tool.spec().anthropicType()).isEmpty();
        assertThat(tool.spec().inputSchema().get("required").toString()).contains("path").contains("pattern");
        assertThat(tool.spec().inputSchema().get("properties").fieldNames()).toIterable()
                .contains("path", "pattern", "regex", "case_sensitive", "include", "exclude", "context", "max_results", "hidden", "no_ignore");
    }
}

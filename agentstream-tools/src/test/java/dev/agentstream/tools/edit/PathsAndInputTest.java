package dev.agentstream.tools.edit;

import static dev.agentstream.tools.edit.EditAssertions.assertInputError;
import static dev.agentstream.tools.edit.EditAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.core.ToolSpec;
import dev.agentstream.tools.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathsAndInputTest {

    @TempDir
    Path tmp;

    Path root;
    Path outside;
    EditCalls calls;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(tmp.resolve("root"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret\n");
        calls = new EditCalls(new EditTool(Workspace.of(List.of(root))), Files.createDirectories(tmp.resolve("spool")));
    }

    @AfterEach
    void tearDown() {
        calls.close();
    }

    @Test
    void theSpecDeclaresTheAnthropicTextEditor() {
        ToolSpec spec = new EditTool().spec();
        assertThat(spec.name()).isEqualTo("str_replace_based_edit_tool");
        assertThat(spec.anthropicType()).contains("text_editor_20250728");
        assertThat(spec.inputSchema().at("/properties/command/enum").toString())
                .isEqualTo("[\"view\",\"create\",\"str_replace\",\"insert\",\"undo_edit\"]");
        assertThat(spec.inputSchema().at("/properties").fieldNames()).toIterable()
                .contains("path", "file_text", "old_str", "new_str", "insert_line", "insert_text", "view_range", "max_characters");
    }

    @Test
    void relativePathsAreRefused() {
        assertThat(assertInputError(calls.call("command", "view", "path", "src/Main.java"))).contains("not an absolute path");
    }

    @Test
    void pathsOutsideTheRootsAreRefusedAndTheMessageNamesTheRoots() throws Exception {
        String rootName = root.toRealPath().toString();
        assertThat(assertInputError(calls.call("command", "view", "path", outside.resolve("secret.txt")))).contains("outside the workspace").contains(rootName);
        assertThat(assertInputError(calls.call("command", "view", "path", root + "/../outside/secret.txt"))).contains(rootName);
        assertThat(assertInputError(calls.call("command", "create", "path", outside.resolve("new.txt"), "file_text", "x"))).contains(rootName);
        assertThat(outside.resolve("new.txt")).doesNotExist();
    }

    @Test
    void aSymlinkLeadingOutOfTheRootIsResolvedAndRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("secret-link.txt"), outside.resolve("secret.txt"));
        assertThat(assertInputError(calls.call("command", "view", "path", root.resolve("escape/secret.txt")))).contains("outside the workspace");
        assertThat(assertInputError(calls.call("command", "str_replace", "path", root.resolve("secret-link.txt"), "old_str", "secret", "new_str", "x")))
                .contains("outside the workspace");
        assertThat(assertInputError(calls.call("command", "create", "path", root.resolve("escape/planted.txt"), "file_text", "x")))
                .contains("outside the workspace");
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret\n");
        assertThat(outside.resolve("planted.txt")).doesNotExist();
    }

    @Test
    void pathsInsideTheRootWork() throws Exception {
        Path file = root.resolve("sub/a.txt");
        assertOk(calls.call("command", "create", "path", file, "file_text", "in\n"));
        assertThat(assertOk(calls.call("command", "view", "path", root + "/sub/../sub/a.txt")).text()).isEqualTo("     1\tin\n");
    }

    @Test
    void badInputIsAnErrorResultThatSaysWhatToDoAndChangesNothing() throws Exception {
        Path file = Files.writeString(root.resolve("a.txt"), "a\nb\n");
        List<Map<String, Object>> bad = List.of(
                Map.of("path", file.toString()),
                Map.of("command", "delete", "path", file.toString()),
                Map.of("command", "view"),
                Map.of("command", "view", "path", 42),
                Map.of("command", "create", "path", root.resolve("b.txt").toString()),
                Map.of("command", "str_replace", "path", file.toString(), "new_str", "x"),
                Map.of("command", "str_replace", "path", file.toString(), "old_str", "", "new_str", "x"),
                Map.of("command", "str_replace", "path", file.toString(), "old_str", "a", "new_str", 5),
                Map.of("command", "insert", "path", file.toString(), "insert_text", "x"),
                Map.of("command", "insert", "path", file.toString(), "insert_line", -1, "insert_text", "x"),
                Map.of("command", "insert", "path", file.toString(), "insert_line", "2", "insert_text", "x"),
                Map.of("command", "insert", "path", file.toString(), "insert_line", 1),
                Map.of("command", "view", "path", file.toString(), "max_characters", 0));
        for (Map<String, Object> input : bad) {
            String error = assertInputError(calls.run(input));
            assertThat(error).as("error for %s", input).matches("^[A-Z'a-z].*").hasSizeLessThan(400);
        }
        assertThat(Files.readString(file)).isEqualTo("a\nb\n");
        try (Stream<Path> entries = Files.list(root)) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void theUnrestrictedToolTakesAnyAbsolutePath() throws Exception {
        try (EditCalls anywhere = new EditCalls(new EditTool(), tmp.resolve("spool"))) {
            assertThat(assertOk(anywhere.call("command", "view", "path", outside.resolve("secret.txt"))).text()).isEqualTo("     1\tsecret\n");
        }
    }
}

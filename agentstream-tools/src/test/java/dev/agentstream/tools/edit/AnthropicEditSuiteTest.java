package dev.agentstream.tools.edit;

import static dev.agentstream.tools.edit.EditAssertions.assertInputError;
import static dev.agentstream.tools.edit.EditAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Anthropic's own test suite of the reference editor, {@code computer-use-demo/tests/tools/edit_test.py} in
 * anthropics/anthropic-quickstarts (the version testing {@code EditTool20250728}), case by case against this
 * tool. The Python suite mocks {@code pathlib}; here every case runs on real files in a temporary folder, with
 * the same contents and the same inputs; each {@code write_text} assertion becomes the file's content, and each
 * {@code pytest.raises(ToolError, match=...)} becomes an error result (one sentence saying what to do, the file
 * unchanged) that states the same fact in this tool's words: the reference's wording is given next to ours
 * where they differ (the results this tool writes say what to do next, which the reference's do not).
 * Where the suite inspects the reference tool's private {@code _file_history}, the test checks what that history
 * is for: {@code undo_edit} brings the original content back. The Python test function and case are named above
 * each block.
 */
class AnthropicEditSuiteTest extends EditToolCalls {

    private Path file(String name, String content) throws Exception {
        return Files.writeString(tmp.resolve(name), content);
    }

    @Test
    void test_view_command() throws Exception {
        // "Test viewing a file that exists"
        Path file = file("file.txt", "File content");
        assertThat(assertOk(calls.call("command", "view", "path", file)).text()).contains("File content");

        // "Test viewing a directory"
        Path dir = Files.createDirectories(tmp.resolve("dir"));
        file("dir/file1.txt", "");
        file("dir/file2.txt", "");
        assertThat(assertOk(calls.call("command", "view", "path", dir)).text()).contains("file1.txt").contains("file2.txt");

        // "Test viewing a file with a specific range"
        Path lines = file("lines.txt", "Line 1\nLine 2\nLine 3\nLine 4");
        assertThat(assertOk(calls.call("command", "view", "path", lines, "view_range", new int[] {2, 3})).text())
                .contains("     2\tLine 2\n     3\tLine 3\n"); // the reference puts a header line before: "\n     2\tLine 2..."

        // "Test viewing a file with an invalid range"
        assertThat(assertInputError(calls.call("command", "view", "path", lines, "view_range", new int[] {3, 2})))
                .contains("ends before it starts"); // reference: "Invalid `view_range`"

        // "Test viewing a non-existent file"
        assertThat(assertInputError(calls.call("command", "view", "path", tmp.resolve("nonexistent/file.txt"))))
                .contains("does not exist");

        // "Test viewing a directory with a view_range"
        assertThat(assertInputError(calls.call("command", "view", "path", dir, "view_range", new int[] {1, 2})))
                .contains("view_range applies only to files"); // reference: "view_range` parameter is not allowed"
    }

    @Test
    void test_create_command() throws Exception {
        // "Test creating a new file with content"
        Path created = tmp.resolve("newfile.txt");
        assertThat(assertOk(calls.call("command", "create", "path", created, "file_text", "New file content")).text())
                .contains("File created"); // reference: "File created successfully"
        assertThat(Files.readString(created)).isEqualTo("New file content");

        // "Test attempting to create a file without content"
        assertThat(assertInputError(calls.call("command", "create", "path", tmp.resolve("other.txt"))))
                .contains("'file_text' is missing"); // reference: "Parameter `file_text` is required"

        // "Test attempting to create a file that already exists"
        Path existing = file("existingfile.txt", "old");
        assertThat(assertInputError(calls.call("command", "create", "path", existing, "file_text", "Content")))
                .contains("already exists"); // reference: "File already exists"
        assertThat(Files.readString(existing)).isEqualTo("old");
    }

    @Test
    void test_str_replace_command() throws Exception {
        // "Test replacing a unique string in a file"
        Path file = file("file.txt", "Original content");
        assertThat(assertOk(calls.call("command", "str_replace", "path", file, "old_str", "Original", "new_str", "New")).text())
                .contains("has been edited");
        assertThat(Files.readString(file)).isEqualTo("New content");

        // "Test attempting to replace a non-existent string"
        Path original = file("original.txt", "Original content");
        assertThat(assertInputError(calls.call("command", "str_replace", "path", original, "old_str", "Nonexistent", "new_str", "New")))
                .contains("occurs 0 times"); // reference: "did not appear verbatim"

        // "Test attempting to replace a string that appears multiple times"
        Path repeated = file("repeated.txt", "Test test test");
        assertThat(assertInputError(calls.call("command", "str_replace", "path", repeated, "old_str", "test", "new_str", "example")))
                .contains("occurs 2 times"); // reference: "Multiple occurrences" ("Test" is not "test")
        assertThat(Files.readString(repeated)).isEqualTo("Test test test");

        // "Verify that the file history is updated after replacement": the history holds the original content
        Path history = file("history.txt", "Original content");
        assertOk(calls.call("command", "str_replace", "path", history, "old_str", "Original", "new_str", "New"));
        assertOk(calls.call("command", "undo_edit", "path", history));
        assertThat(Files.readString(history)).isEqualTo("Original content");
    }

    @Test
    void test_insert_command() throws Exception {
        // "Test inserting a string at a valid line number"
        Path file = file("file.txt", "Line 1\nLine 2\nLine 3");
        assertThat(assertOk(calls.call("command", "insert", "path", file, "insert_line", 2, "insert_text", "New Line")).text())
                .contains("has been edited");
        assertThat(Files.readString(file)).isEqualTo("Line 1\nLine 2\nNew Line\nLine 3");

        // "Test inserting a string at the beginning of the file (line 0)"
        Path first = file("first.txt", "Line 1\nLine 2");
        assertThat(assertOk(calls.call("command", "insert", "path", first, "insert_line", 0, "insert_text", "New First Line")).text())
                .contains("has been edited");
        assertThat(Files.readString(first)).isEqualTo("New First Line\nLine 1\nLine 2");

        // "Test inserting a string at the end of the file"
        Path last = file("last.txt", "Line 1\nLine 2");
        assertThat(assertOk(calls.call("command", "insert", "path", last, "insert_line", 2, "insert_text", "New Last Line")).text())
                .contains("has been edited");
        assertThat(Files.readString(last)).isEqualTo("Line 1\nLine 2\nNew Last Line");

        // "Test attempting to insert at an invalid line number"
        Path shortFile = file("short.txt", "Line 1\nLine 2");
        assertThat(assertInputError(calls.call("command", "insert", "path", shortFile, "insert_line", 5, "insert_text", "Invalid Line")))
                .contains("is past the end"); // reference: "Invalid `insert_line` parameter"
        assertThat(Files.readString(shortFile)).isEqualTo("Line 1\nLine 2");

        // "Verify that the file history is updated after insertion": the history holds the original content
        Path history = file("history.txt", "Original content");
        assertOk(calls.call("command", "insert", "path", history, "insert_line", 1, "insert_text", "New Line"));
        assertOk(calls.call("command", "undo_edit", "path", history));
        assertThat(Files.readString(history)).isEqualTo("Original content");
    }

    @Test
    void test_validate_path() throws Exception {
        // "Test with valid absolute paths"
        assertOk(calls.call("command", "view", "path", file("path.txt", "x")));

        // "Test with relative paths (should raise an error)"
        assertThat(assertInputError(calls.call("command", "view", "path", "relative/path.txt"))).contains("not an absolute path");

        // "Test with non-existent paths for non-create commands (should raise an error)"
        assertThat(assertInputError(calls.call("command", "view", "path", tmp.resolve("nonexistent/file.txt")))).contains("does not exist");

        // "Test with existing paths for create command (should raise an error)"
        assertThat(assertInputError(calls.call("command", "create", "path", file("existing.txt", "x"), "file_text", "y")))
                .contains("already exists"); // reference: "File already exists"

        // "Test with directory paths for non-view commands (should raise an error)"
        Path dir = Files.createDirectories(tmp.resolve("directory"));
        assertThat(assertInputError(calls.call("command", "str_replace", "path", dir, "old_str", "a", "new_str", "b")))
                .contains("is a directory");

        // "Test with directory path for view command (should not raise an error)"
        assertOk(calls.call("command", "view", "path", dir));
    }
}

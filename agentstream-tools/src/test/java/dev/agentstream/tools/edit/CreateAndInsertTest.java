package dev.agentstream.tools.edit;

import static dev.agentstream.tools.edit.EditAssertions.assertInputError;
import static dev.agentstream.tools.edit.EditAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CreateAndInsertTest extends EditToolCalls {

    @Test
    void createWritesTheTextAsGivenAndMakesParentDirectories() throws Exception {
        Path file = tmp.resolve("new/deep/dir/Main.java");
        String text = "class Main {\n\tint x;\n}\n";
        EditCalls.Recorded create = assertOk(calls.call("command", "create", "path", file, "file_text", text));
        assertThat(Files.readString(file)).isEqualTo(text);
        assertThat(create.text()).contains("File created").contains(file.toString()).contains("3 lines");
        assertThat(tmp.resolve("new/deep/dir").toFile().list()).containsExactly("Main.java"); // no temp file left behind
    }

    @Test
    void createMayMakeAnEmptyFile() throws Exception {
        Path file = tmp.resolve("empty.txt");
        assertOk(calls.call("command", "create", "path", file, "file_text", ""));
        assertThat(Files.size(file)).isZero();
    }

    @Test
    void createNeverOverwritesAnExistingFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("keep.txt"), "precious\n");
        String error = assertInputError(calls.call("command", "create", "path", file, "file_text", "replacement"));
        assertThat(error).contains("already exists").contains("str_replace");
        assertThat(Files.readString(file)).isEqualTo("precious\n");
        assertThat(assertInputError(calls.call("command", "create", "path", tmp, "file_text", "x"))).contains("is a directory");
    }

    @Test
    void insertAfterALineBeforeTheFirstAndAfterTheLast() throws Exception {
        Path file = Files.writeString(tmp.resolve("a.txt"), "one\ntwo\nthree\n");
        EditCalls.Recorded middle = assertOk(calls.call("command", "insert", "path", file, "insert_line", 2, "insert_text", "2.5a\n2.5b"));
        assertThat(Files.readString(file)).isEqualTo("one\ntwo\n2.5a\n2.5b\nthree\n");
        assertThat(middle.text()).contains("     3\t2.5a\n     4\t2.5b\n").contains("     1\tone\n").contains("     5\tthree\n");
        assertThat(middle.meta()).containsEntry("firstLine", 3).containsEntry("lastLine", 4);

        assertOk(calls.call("command", "insert", "path", file, "insert_line", 0, "insert_text", "zero\n"));
        assertThat(Files.readString(file)).isEqualTo("zero\none\ntwo\n2.5a\n2.5b\nthree\n");

        assertOk(calls.call("command", "insert", "path", file, "insert_line", 6, "insert_text", "end"));
        assertThat(Files.readString(file)).isEqualTo("zero\none\ntwo\n2.5a\n2.5b\nthree\nend\n");
    }

    @Test
    void insertAtTheEndOfAFileWithoutTrailingNewlineKeepsItThatWay() throws Exception {
        Path file = Files.writeString(tmp.resolve("a.txt"), "one\ntwo");
        assertOk(calls.call("command", "insert", "path", file, "insert_line", 2, "insert_text", "three\n"));
        assertThat(Files.readString(file)).isEqualTo("one\ntwo\nthree");
        assertOk(calls.call("command", "insert", "path", file, "insert_line", 1, "insert_text", "1.5"));
        assertThat(Files.readString(file)).isEqualTo("one\n1.5\ntwo\nthree");
    }

    @Test
    void insertIntoAnEmptyFile() throws Exception {
        Path file = Files.createFile(tmp.resolve("empty.txt"));
        assertOk(calls.call("command", "insert", "path", file, "insert_line", 0, "insert_text", "first"));
        assertThat(Files.readString(file)).isEqualTo("first\n");
    }

    @Test
    void insertAcceptsNewStrAsTheOlderToolVersionsSendIt() throws Exception {
        Path file = Files.writeString(tmp.resolve("a.txt"), "a\nc\n");
        assertOk(calls.call("command", "insert", "path", file, "insert_line", 1, "new_str", "b"));
        assertThat(Files.readString(file)).isEqualTo("a\nb\nc\n");
    }

    @Test
    void insertIntoACrlfFileUsesCrlfAndKeepsTabs() throws Exception {
        Path file = Files.writeString(tmp.resolve("win.txt"), "\tone\r\n\tthree\r\n");
        assertOk(calls.call("command", "insert", "path", file, "insert_line", 1, "insert_text", "\ttwo\n\ttwo and a half"));
        assertThat(Files.readString(file)).isEqualTo("\tone\r\n\ttwo\r\n\ttwo and a half\r\n\tthree\r\n");
    }

    @Test
    void insertPastTheEndIsRejectedWithTheLineCount() throws Exception {
        Path file = Files.writeString(tmp.resolve("a.txt"), "a\nb\n");
        String error = assertInputError(calls.call("command", "insert", "path", file, "insert_line", 5, "insert_text", "x"));
        assertThat(error).contains("insert_line 5").contains("has 2 lines").contains("from 0");
        assertThat(Files.readString(file)).isEqualTo("a\nb\n");
    }
}
